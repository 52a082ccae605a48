package cn.sunshine.placement.spotcheck;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a draw was made from, recorded before the sample is drawn and completed after: the round's
 * id (the server's), its seed — HMAC-SHA256 of the round id under the server's secret, so neither
 * the officer drawing nor anyone who does not hold the secret can choose or foresee it — a
 * commitment to the seed (SHA-256 of its decimal form), the sampling rule, and per base (stratum)
 * its seed, the population's placement ids and the sample. From this record alone an auditor
 * repeats the draw ({@link Sampler}): the stratum seed is SHA-256({@code roundSeed:baseId}), the
 * sample the first {@code sampleSize} of a partial Fisher–Yates shuffle of the ids in order,
 * driven by {@code SplittableRandom(stratumSeed)}. Never changed after it is {@code DRAWN}; never
 * deleted (a county drawing again for the same period shows up as another round).
 */
@Document("placement_spot_check_draws")
public record SpotCheckDraw(@Id String id, Kind kind, Status status, String divisionCode, String baseId,
                            LocalDate periodFrom, LocalDate periodTo, long seed, String seedSource,
                            String seedCommitment, int sampleRateBp, int minimumPerBase, Instant recordedAt,
                            String recordedBy, List<Stratum> strata) {

    public enum Kind { ROUND, SINGLE_BASE }

    public enum Status { RECORDED, DRAWN }

    /** How the seed was derived, as recorded (the secret itself is never recorded). */
    public static final String SEED_SOURCE = "HMAC-SHA256(server secret, \"sunshine:spot-check-round:\" + roundId), first 8 bytes";

    public record Stratum(String baseId, String spotCheckId, long seed, int population, int sampleSize,
                          List<String> populationIds, List<String> sampleIds) {
    }

    SpotCheckDraw drawn(List<Stratum> done) {
        return new SpotCheckDraw(id, kind, Status.DRAWN, divisionCode, baseId, periodFrom, periodTo, seed, seedSource,
                seedCommitment, sampleRateBp, minimumPerBase, recordedAt, recordedBy, List.copyOf(done));
    }
}
