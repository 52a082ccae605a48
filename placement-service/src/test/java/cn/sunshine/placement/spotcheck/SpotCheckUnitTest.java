package cn.sunshine.placement.spotcheck;

import cn.sunshine.placement.contact.ContactLookups.Outcome;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.PendingEvent;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.placement.SpotCheckConcluded;
import cn.sunshine.platform.events.placement.SpotCheckFinding;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The spot check and its draw on their own: a reproducible sample, findings from calls, a conclusion that erases phones. */
class SpotCheckUnitTest {

    static final Instant NOW = Instant.parse("2026-09-01T02:00:00Z");

    static SpotCheckItem item(String placementId, String phone) {
        return new SpotCheckItem(placementId, "e-" + placementId, "李四", "420981**********34", "应城市某纺织有限公司",
                "应城市城中街道", "挡车工", "HOME_COUNTY", phone == null ? Outcome.PENDING : Outcome.RETRIEVED, phone, null, null);
    }

    static SpotCheck check(List<SpotCheckItem> items) {
        return SpotCheck.draw("base-1", "420981", LocalDate.of(2026, 6, 1), LocalDate.of(2026, 8, 31), 60, 500, 42L,
                "round-1", 7L, items, NOW, "officer");
    }

    @Test
    void theDrawIsReproducibleWhateverTheOrderOfThePopulationAndDependsOnTheSeed() {
        List<String> population = IntStream.range(0, 60).mapToObj(i -> "p-" + i).toList();
        List<String> shuffled = new ArrayList<>(population);
        java.util.Collections.reverse(shuffled);
        List<String> sample = Sampler.draw(population, 3, 42L);
        assertThat(sample).hasSize(3).doesNotHaveDuplicates().isSubsetOf(population);
        assertThat(Sampler.draw(shuffled, 3, 42L)).isEqualTo(sample);
        assertThat(Sampler.draw(population, 3, 43L)).isNotEqualTo(sample);
        assertThat(Sampler.draw(population.subList(0, 2), 3, 42L)).hasSize(2);

        // a base's stratum seed follows from the round's seed and the base alone; the round's from the secret and round
        assertThat(Sampler.stratumSeed(7L, "base-1")).isEqualTo(Sampler.stratumSeed(7L, "base-1"))
                .isNotEqualTo(Sampler.stratumSeed(7L, "base-2"));
        byte[] secret = "a province's secret".getBytes();
        assertThat(Sampler.roundSeed(secret, "round-1")).isEqualTo(Sampler.roundSeed(secret, "round-1"))
                .isNotEqualTo(Sampler.roundSeed("another".getBytes(), "round-1"));
        assertThat(Sampler.commitment(42L)).hasSize(64).isEqualTo(Sampler.commitment(42L));
    }

    @Test
    void eachDiscrepancyOfACallIsAFindingPublishedAtOnceAndACallIsRecordedOnce() {
        SpotCheck s = check(List.of(item("p-1", "13800000001"), item("p-2", "13800000002")));
        s.recordCall("p-1", true, true, false, true, true, "本人称未在该企业工作，且被收取培训费", NOW, "officer");
        List<SpotCheckFinding> findings = s.pendingEvents().stream().map(PendingEvent::payload)
                .map(SpotCheckFinding.class::cast).toList();
        assertThat(findings).extracting(SpotCheckFinding::kind).containsExactly("NOT_EMPLOYED_AS_REPORTED", "FEE_CHARGED");
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.placementId()).isEqualTo("p-1");
            assertThat(f.baseId()).isEqualTo("base-1");
        });
        assertThatThrownBy(() -> s.recordCall("p-1", true, true, true, true, false, null, NOW, "officer"))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> s.recordCall("p-9", true, true, true, true, false, null, NOW, "officer"))
                .as("not in the sample").isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> s.recordCall("p-2", true, true, null, true, false, null, NOW, "officer"))
                .as("a reached trainee answers every question").isInstanceOf(DomainException.class);
    }

    @Test
    void theConclusionCountsTheCallsErasesEveryPhoneAndClosesTheCheck() {
        SpotCheck s = check(List.of(item("p-1", "13800000001"), item("p-2", "13800000002"), item("p-3", null)));
        assertThat(s.pendingContacts()).extracting(SpotCheckItem::placementId).containsExactly("p-3");
        s.contactRetrieved("p-3", Outcome.RETRIEVED, "13800000003", null);
        assertThat(s.pendingContacts()).isEmpty();

        s.recordCall("p-1", true, true, true, true, false, null, NOW, "officer");
        s.recordCall("p-2", false, null, null, null, null, "无人接听", NOW, "officer");
        s.conclude(NOW, "officer");

        assertThat(s.getStatus()).isEqualTo(SpotCheck.Status.CONCLUDED);
        assertThat(s.getItems()).extracting(SpotCheckItem::phone).containsOnlyNulls();
        SpotCheckConcluded concluded = (SpotCheckConcluded) s.pendingEvents().stream()
                .filter(e -> e.type().equals(EventTypes.SPOT_CHECK_CONCLUDED)).findFirst().orElseThrow().payload();
        assertThat(concluded.sampled()).isEqualTo(3);
        assertThat(concluded.called()).as("reached by phone").isEqualTo(1);
        assertThat(concluded.confirmed()).isEqualTo(1);
        assertThatThrownBy(() -> s.recordCall("p-3", true, true, true, true, false, null, NOW, "officer"))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> s.conclude(NOW, "officer")).isInstanceOf(DomainException.class);
    }

    @Test
    void phonesHeldPastTheRetentionAreErasedAndTheirContactsArePendingAgain() {
        SpotCheck s = check(List.of(item("p-1", "13800000001"), item("p-2", null)));
        assertThat(s.erasePhones()).isEqualTo(1);
        assertThat(s.getItems()).extracting(SpotCheckItem::phone).containsOnlyNulls();
        assertThat(s.pendingContacts()).hasSize(2);
    }
}
