package cn.sunshine.placement.spotcheck;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The spot-check sample: {@code sampleRateBp} of a base's reported placements (500 = 5 %), rounded
 * up, and at least {@code minimumPerBase} (capped at the population). Phones on the call list of a
 * check still open are erased {@code phoneRetention} after the draw (30 days).
 *
 * <p>{@code seedSecret} (env {@code SUNSHINE_PLACEMENT_SPOT_CHECK_SEED_SECRET}, from a secret in a
 * cluster, at least 32 characters) keys the rounds' seeds ({@link Sampler#roundSeed}). Without it a
 * random secret is made at start-up: draws stay unforeseeable and reproducible from their records,
 * but the province's operators cannot re-derive a seed from a round id to check it.
 */
@ConfigurationProperties("sunshine.placement.spot-check")
public record SpotCheckProperties(Integer sampleRateBp, Integer minimumPerBase, java.time.Duration phoneRetention,
                                  String seedSecret) {

    public SpotCheckProperties {
        if (seedSecret == null || seedSecret.isBlank()) {
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            seedSecret = java.util.HexFormat.of().formatHex(random);
        } else if (seedSecret.length() < 32) {
            throw new IllegalArgumentException("sunshine.placement.spot-check.seed-secret must be at least 32 characters");
        }
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

    /** The key of the rounds' seeds. */
    public byte[] seedKey() {
        return seedSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "SpotCheckProperties[sampleRateBp=" + sampleRateBp + ", minimumPerBase=" + minimumPerBase
                + ", phoneRetention=" + phoneRetention + ", seedSecret=(hidden)]";
    }

    /** The sample size for a stratum of {@code population} placements. */
    public int sampleSize(int population) {
        int bySize = (int) ((population * (long) sampleRateBp + 9_999) / 10_000);
        return Math.min(population, Math.max(minimumPerBase, bySize));
    }
}
