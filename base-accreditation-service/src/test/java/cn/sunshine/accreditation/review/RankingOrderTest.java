package cn.sunshine.accreditation.review;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ranking compares averages exactly (no floating point), then the earlier submission. */
class RankingOrderTest {

    private static RankedApplication entry(String id, long sum, int sheets, String submittedAt) {
        return new RankedApplication(0, id, id, "c", "420981", Instant.parse(submittedAt), sum, sheets, sheets, true,
                null, List.of(), List.of());
    }

    @Test
    void averagesAreComparedExactlyAndTiesGoToTheEarlierApplication() {
        // 2,666,667 / 3 sheets (88.8889 average) against 1,777,777 / 2 sheets (88.88885 average): the first is higher.
        RankedApplication a = entry("a", 2_666_667, 3, "2026-06-20T02:00:00Z");
        RankedApplication b = entry("b", 1_777_777, 2, "2026-06-20T01:00:00Z");
        RankedApplication c = entry("c", 2_666_667, 3, "2026-06-20T01:30:00Z");
        List<RankedApplication> sorted = List.of(a, b, c).stream().sorted(Ranking.ORDER).toList();
        assertThat(sorted).extracting(RankedApplication::applicationId).containsExactly("c", "a", "b");
    }
}
