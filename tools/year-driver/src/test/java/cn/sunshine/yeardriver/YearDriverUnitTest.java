package cn.sunshine.yeardriver;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver's own pieces that need no running suite: identifiers, people, the year chosen, the demo data. */
class YearDriverUnitTest {

    @Test
    void checkCharactersMatchTheStandardsPublishedExamples() {
        assertThat(Codes.idNumber("11010519491231002")).isEqualTo("11010519491231002X"); // GB 11643 example
        assertThat(Codes.creditCode("91350100M000100Y4")).isEqualTo("91350100M000100Y43"); // GB 32100 example
    }

    @Test
    void theLatestPlayableYearIsOneWhoseNovemberHasPassed() {
        assertThat(Calendar.latestPlayableYear(Instant.parse("2026-11-28T00:00:00Z"))).isEqualTo(2026);
        assertThat(Calendar.latestPlayableYear(Instant.parse("2026-11-10T00:00:00Z"))).isEqualTo(2025);
        assertThat(Calendar.latestPlayableYear(Instant.parse("2027-01-05T00:00:00Z"))).isEqualTo(2026);
    }

    @Test
    void theDemoProvinceHoldsTheSeedsFigures() {
        Province p = Province.demo();
        assertThat(p.cities().get(0).code()).isEqualTo("420900");
        Province.County yingcheng = p.counties().get(0);
        assertThat(yingcheng.code()).isEqualTo("420981");
        assertThat(yingcheng.quota()).isEqualTo(3660);
        assertThat(p.subsidyTiers()).containsEntry("TIER_1", 10_000L).containsEntry("TIER_2", 20_000L)
                .containsEntry("TIER_3", 30_000L);
        assertThat(p.tierRatio()).containsExactly(3, 4, 3);
        assertThat(p.counties()).hasSizeGreaterThanOrEqualTo(24);
        for (Province.County c : p.counties()) {
            assertThat(c.code()).startsWith(p.cityOf(c).code().substring(0, 4));
            assertThat(c.bases()).hasSizeGreaterThanOrEqualTo(3);
            c.bases().forEach(b -> b.majors().forEach(p::major));
        }
    }

    @Test
    void peopleHaveValidDistinctIdNumbersAndPhonesAndTiersNearThreeFourThree() {
        Province p = Province.demo();
        People people = new People(p, 42);
        Set<String> ids = new HashSet<>();
        Set<String> phones = new HashSet<>();
        int[] tiers = new int[3];
        for (int i = 0; i < 3000; i++) {
            People.Person person = people.next(p.counties().get(0), 2026, i);
            assertThat(person.idNumber()).hasSize(18).startsWith("420981");
            assertThat(Codes.idNumber(person.idNumber().substring(0, 17))).isEqualTo(person.idNumber());
            assertThat((person.idNumber().charAt(16) - '0') % 2 == 1).isEqualTo(person.male());
            assertThat(person.phone()).matches("1[3-9]\\d{9}");
            assertThat(ids.add(person.idNumber())).isTrue();
            assertThat(phones.add(person.phone())).isTrue();
            tiers[Integer.parseInt(person.tier().substring(5)) - 1]++;
        }
        assertThat(tiers[0]).isBetween(800, 1000);
        assertThat(tiers[1]).isBetween(1100, 1300);
        assertThat(tiers[2]).isBetween(800, 1000);
    }
}
