package cn.sunshine.placement.spotcheck;

import java.time.Instant;
import java.util.List;

/**
 * One spot-check call. When the trainee was reached: did they attend the training, are they
 * employed where the base reported, did they receive the subsidy (the reduced fee or the refund),
 * were they charged a fee the program covers. Each "no" (or the fee) is a finding against the base.
 */
public record Call(boolean reached, Boolean attendedTraining, Boolean employedAsReported, Boolean subsidyReceived,
                   Boolean chargedFee, String note, List<String> findingIds, List<String> findingKinds,
                   Instant recordedAt, String recordedBy) {

    boolean confirmsEverything() {
        return reached && findingKinds.isEmpty();
    }
}
