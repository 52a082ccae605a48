package cn.sunshine.accreditation.quota;

import cn.sunshine.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger's rules without Spring: never more than received, reallocations chain, receipts in any order. */
class QuotaLedgerTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-06-30T02:00:00Z"), ZoneOffset.UTC);

    private QuotaLedger city(int received) {
        QuotaLedger province = QuotaLedger.plan("420000", 2026, 120_000, "plan", "province", clock);
        Allocation a = province.allocate("a-city", Recipient.division("420900"), received, null, "r", null, "f", "p", clock);
        QuotaLedger city = QuotaLedger.open("420900", 2026);
        city.receive(a, province.getId(), "420000");
        return city;
    }

    @Test
    void aLevelNeverAllocatesMoreThanItReceived() {
        QuotaLedger city = city(3660);
        city.allocate("a1", Recipient.division("420981"), 3000, null, "r", null, "f1", "c", clock);
        assertThatThrownBy(() -> city.allocate("a2", Recipient.division("420982"), 661, null, "r", null, "f2", "c", clock))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo("quota-exceeded"));
        city.allocate("a3", Recipient.division("420982"), 660, null, "r", null, "f3", "c", clock);
        assertThat(city.getAllocated()).isEqualTo(3660);
        assertThat(city.pendingEvents()).hasSize(2);
    }

    @Test
    void aReallocationReplacesTheCurrentOneAndKeepsIt() {
        QuotaLedger city = city(3660);
        city.allocate("a1", Recipient.division("420981"), 3000, null, "r", null, "f1", "c", clock);
        assertThatThrownBy(() -> city.allocate("a2", Recipient.division("420981"), 3600, null, "r", null, "f2", "c", clock))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo("allocation-exists"));
        Allocation a2 = city.allocate("a2", Recipient.division("420981"), 3600, "a1", "r", null, "f2", "c", clock);
        assertThat(a2.previousAmount()).isEqualTo(3000);
        assertThat(city.getAllocated()).isEqualTo(3600);
        assertThat(city.allocation("a1").orElseThrow().status()).isEqualTo(Allocation.Status.SUPERSEDED);
        assertThatThrownBy(() -> city.allocate("a3", Recipient.division("420981"), 10, "a1", "r", null, "f3", "c", clock))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo("allocation-superseded"));
    }

    @Test
    void receiptsArrivingOutOfOrderLeaveTheNewestCurrent() {
        QuotaLedger province = QuotaLedger.plan("420000", 2026, 120_000, "plan", "province", clock);
        Allocation first = province.allocate("x1", Recipient.division("420981"), 3000, null, "r", null, "f1", "p", clock);
        Allocation second = province.allocate("x2", Recipient.division("420981"), 3660, "x1", "r", null, "f2", "p", clock);
        QuotaLedger county = QuotaLedger.open("420981", 2026);
        assertThat(county.receive(second, province.getId(), "420000")).isTrue();
        assertThat(county.receive(first, province.getId(), "420000")).isTrue();
        assertThat(county.receive(first, province.getId(), "420000")).as("once").isFalse();
        assertThat(county.getReceived()).isEqualTo(3660);
        assertThat(county.getReceipts()).hasSize(2);
    }

    @Test
    void aReductionBelowWhatWasAllocatedOnwardsIsRefused() {
        QuotaLedger province = QuotaLedger.plan("420000", 2026, 120_000, "plan", "province", clock);
        Allocation first = province.allocate("x1", Recipient.division("420900"), 3660, null, "r", null, "f1", "p", clock);
        QuotaLedger city = QuotaLedger.open("420900", 2026);
        city.receive(first, province.getId(), "420000");
        city.allocate("c1", Recipient.division("420981"), 3500, null, "r", null, "f", "c", clock);
        Allocation cut = new Allocation("x2", null, "f2", "420900", null, null, 3000, 3660, "x1", Allocation.Status.CURRENT,
                null, first.decision());
        assertThatThrownBy(() -> city.receive(cut, province.getId(), "420000"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo("quota-exceeded"));
        assertThat(city.getReceived()).isEqualTo(3660);
    }

    @Test
    void aCountyAllocatesToBasesOnlyAndAProvinceNotToItself() {
        QuotaLedger province = QuotaLedger.plan("420000", 2026, 100, "plan", "province", clock);
        assertThatThrownBy(() -> province.requireRecipient(Recipient.division("420000"))).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> province.requireRecipient(Recipient.division("430100"))).isInstanceOf(DomainException.class);
        QuotaLedger county = QuotaLedger.open("420981", 2026);
        assertThatThrownBy(() -> county.requireRecipient(Recipient.division("420981"))).isInstanceOf(DomainException.class);
        county.requireRecipient(Recipient.base("420981", "b-1", "WELDING"));
    }
}
