package cn.sunshine.placement.agreement;

import cn.sunshine.platform.events.accreditation.AgreedMajor;
import cn.sunshine.platform.events.accreditation.AgreementSigned;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An amendment replaces the committed rate only with a higher version, whatever order the events arrive in. */
class CommittedRateTest {

    private static AgreementSigned version(int v, int bp) {
        return new AgreementSigned("a-1", v, "b-1", "420981", 2026, List.of(new AgreedMajor("WELDING", "电焊", 300, 60000)),
                "REDUCED_FEE", bp, "c", Instant.parse("2026-06-01T02:00:00Z"), "s", "b",
                Instant.parse("2026-06-0" + v + "T02:00:00Z"), v == 1 ? null : v - 1);
    }

    @Test
    void aLaterVersionReplacesAnEarlierOneNeverTheReverse() {
        CommittedRate r = CommittedRate.from(version(2, 8500));
        assertThat(r.getId()).isEqualTo("b-1:2026");
        r.apply(version(1, 9000));
        assertThat(r.getCommittedPlacementRateBp()).isEqualTo(8500);
        assertThat(r.getAgreementVersion()).isEqualTo(2);
        r.apply(version(3, 9200));
        assertThat(r.getCommittedPlacementRateBp()).isEqualTo(9200);
        assertThat(r.getAgreementVersion()).isEqualTo(3);
    }
}
