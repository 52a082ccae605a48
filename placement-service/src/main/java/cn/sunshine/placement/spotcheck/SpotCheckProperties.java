package cn.sunshine.placement.spotcheck;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The spot-check sample: {@code sampleRateBp} of a base's reported placements (500 = 5 %), rounded
 * up, and at least {@code minimumPerBase} (capped at the population). Phones on the call list of a
 * check still open are erased {@code phoneRetention} after the draw (30 days).
 */
@ConfigurationProperties("sunshine.placement.spot-check")
public record SpotCheckProperties(Integer sampleRateBp, Integer minimumPerBase, java.time.Duration phoneRetention) {

    public SpotCheckProperties {
        phoneRetention = phoneRetention == null ? java.time.Duration.ofDays(30) : phoneRetention;
        sampleRateBp = sampleRateBp == null ? 500 : sampleRateBp;
        minimumPerBase = minimumPerBase == null ? 1 : minimumPerBase;
        if (sampleRateBp < 500 || sampleRateBp > 10_000) {
            throw new IllegalArgumentException("sunshine.placement.spot-check.sample-rate-bp must be 500 (5 %) to 10000");
        }
        if (minimumPerBase < 1) {
            throw new IllegalArgumentException("sunshine.placement.spot-check.minimum-per-base must be at least 1");
        }
    }

    /** The sample size for a stratum of {@code population} placements. */
    public int sampleSize(int population) {
        int bySize = (int) ((population * (long) sampleRateBp + 9_999) / 10_000);
        return Math.min(population, Math.max(minimumPerBase, bySize));
    }
}
