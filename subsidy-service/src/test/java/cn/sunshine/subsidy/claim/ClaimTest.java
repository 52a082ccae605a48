package cn.sunshine.subsidy.claim;

import cn.sunshine.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chain's rules on the aggregate alone. */
class ClaimTest {

    private static final Instant T = Instant.parse("2026-07-01T02:00:00Z");

    private static Claim claim(long... amounts) {
        List<Claim.Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            lines.add(new Claim.Line("420981-2026-00000" + i, "enr-" + i, "王伟", "420981********100" + i, "TIER_2", amounts[i]));
        }
        return Claim.submit("claim-1", "base-1", "应城市职业教育中心", "420981", "class-1", 2026, "REDUCED_FEE", ClaimPart.COMPLETION, lines,
                50_000, "staff-1", T);
    }

    @Test
    void theTotalIsTheSumOfTheLinesAndAboveTheThresholdNeedsAnExtraApproval() {
        Claim small = claim(20_000, 30_000);
        assertThat(small.getTotalFen()).isEqualTo(50_000);
        assertThat(small.isExtraApprovalRequired()).as("at the threshold, not above").isFalse();

        Claim big = claim(20_000, 30_000, 10_000);
        big.decide(Stage.VERIFICATION, true, "officer", "王", T, null);
        big.decide(Stage.APPROVAL, true, "leader", "李", T, null);
        assertThat(big.getStatus()).isEqualTo(ClaimStatus.AWAITING_EXTRA_APPROVAL);
        assertThat(big.committed()).isFalse();
        big.decide(Stage.EXTRA_APPROVAL, true, "city", "赵", T, null);
        assertThat(big.getStatus()).isEqualTo(ClaimStatus.APPROVED);
        assertThat(big.committed()).isTrue();
        big.decide(Stage.RECHECK, true, "finance", "陈", T, null);
        assertThat(big.getStatus()).isEqualTo(ClaimStatus.ORDERED);
        assertThat(big.pendingEvents()).hasSize(1);
    }

    @Test
    void noStageIsSkippedOrRepeatedAndNoOneDecidesTwice() {
        Claim c = claim(20_000);
        assertThatThrownBy(() -> c.decide(Stage.APPROVAL, true, "leader", "李", T, null))
                .isInstanceOf(DomainException.class).extracting("kind").isEqualTo("claim-stage-out-of-order");
        assertThatThrownBy(() -> c.decide(Stage.VERIFICATION, true, "staff-1", "submitter", T, null))
                .extracting("kind").isEqualTo("separation-of-duties");
        c.decide(Stage.VERIFICATION, true, "officer", "王", T, null);
        assertThatThrownBy(() -> c.decide(Stage.VERIFICATION, true, "officer-2", "孙", T, null))
                .extracting("kind").isEqualTo("claim-stage-out-of-order");
        assertThatThrownBy(() -> c.decide(Stage.APPROVAL, true, "officer", "王", T, null))
                .extracting("kind").isEqualTo("separation-of-duties");
        assertThat(c.getDecisions()).hasSize(1);
    }

    @Test
    void aRejectionKeepsItsReasonsAndEndsTheChain() {
        Claim c = claim(20_000);
        c.decide(Stage.VERIFICATION, true, "officer", "王", T, null);
        assertThatThrownBy(() -> c.decide(Stage.APPROVAL, false, "leader", "李", T, " "))
                .extracting("status").isEqualTo(400);
        c.decide(Stage.APPROVAL, false, "leader", "李", T, "台帐与代金券不符");
        assertThat(c.getStatus()).isEqualTo(ClaimStatus.REJECTED);
        assertThat(c.currentStage()).isNull();
        assertThat(c.getDecisions().get(1)).isEqualTo(new Claim.Decision(Stage.APPROVAL, false, "leader", "李", T, "台帐与代金券不符"));
        assertThatThrownBy(() -> c.decide(Stage.RECHECK, true, "finance", "陈", T, null))
                .extracting("kind").isEqualTo("claim-stage-out-of-order");
        assertThatThrownBy(() -> c.markPaid(T)).extracting("kind").isEqualTo("invalid-state-transition");
    }
}
