package cn.sunshine.subsidy.payment;

import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.subsidy.FinanceBureauStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.time.LocalDate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unattended daily run: every county, every day with activity up to yesterday, a day with mismatches
 * again until it is clean; a bureau that is down leaves no half record.
 */
@SunshineServiceTest
class DailyReconciliationTest extends ServiceTestSupport {

    @Autowired
    Payments payments;
    @Autowired
    MongoTemplate mongo;

    @Autowired
    AggregateStore store;

    @BeforeEach
    void healthyBureau() {
        FinanceBureauStub.healthy();
        // Each test starts the unattended run afresh (its cursor and its days' state are bookkeeping,
        // not records: the records themselves are never removed).
        mongo.remove(new Query(), Payments.ReconciliationCursor.class);
        mongo.remove(new Query(), Payments.ReconciledDay.class);
    }

    @Test
    void hole2_theDailyRunReconcilesEveryDayWithActivityAndRedoesADayUntilItIsClean() {
        String run = "recon-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        // 3 Aug: one payment, on the bureau's statement too.
        PaymentInstruction a = paid(run + "-a", 30_000, "2026-08-03T01:00:00Z", "2026-08-03T01:05:00Z");
        // 3 Aug: one sent and accepted, paid by the bureau on 4 Aug but settled with us only later.
        PaymentInstruction e = sent(run + "-e", 45_000, "2026-08-03T02:00:00Z");
        // 5 Aug: one payment the bureau's statement shows with another amount.
        PaymentInstruction b = paid(run + "-b", 50_000, "2026-08-05T01:00:00Z", "2026-08-05T01:05:00Z");
        statementOf("2026-08-03", entry(a.getId(), 30_000, "2026-08-03T01:05:00Z"));
        statementOf("2026-08-04"); // the bureau's statement of 4 Aug is late: empty for now
        statementOf("2026-08-05", entry(b.getId(), 40_000, "2026-08-05T01:05:00Z"));
        // 6 Aug: nothing of ours, but the bureau paid an instruction id we never issued.
        statementOf("2026-08-06", entry(run + "-ghost", 20_000, "2026-08-06T04:00:00Z"));
        // 7 Aug: nothing anywhere.

        clock.set(Instant.parse("2026-08-10T02:00:00Z")); // 10:00 in Shanghai: up to 9 Aug
        payments.daily();
        assertThat(records("2026-08-03")).singleElement().satisfies(r -> assertThat(r.clean()).isTrue());
        assertThat(records("2026-08-04")).as("no activity known on 4 Aug yet").isEmpty();
        assertThat(records("2026-08-05")).singleElement().satisfies(r -> assertThat(r.mismatches())
                .extracting(Reconciliation.Mismatch::kind).containsExactly("AMOUNT_DIFFERS"));
        assertThat(records("2026-08-06")).singleElement().satisfies(r -> assertThat(r.mismatches())
                .extracting(Reconciliation.Mismatch::kind, Reconciliation.Mismatch::instructionId)
                .contains(org.assertj.core.groups.Tuple.tuple("UNKNOWN_TO_US", run + "-ghost")));
        assertThat(records("2026-08-07")).isEmpty();

        // e is settled a day later, at the bureau's time of payment (4 Aug), and the statement of 4 Aug
        // now shows it: that day, which the run had passed with nothing on it, is reconciled on the next.
        statementOf("2026-08-04", entry(e.getId(), 45_000, "2026-08-04T03:00:00Z"));
        clock.set(Instant.parse("2026-08-10T03:00:00Z"));
        PaymentInstruction fresh = mongo.findById(e.getId(), PaymentInstruction.class);
        fresh.paid("CZ-" + e.getId(), Instant.parse("2026-08-04T03:00:00Z"), clock.instant());
        store.update(fresh);

        clock.set(Instant.parse("2026-08-11T02:00:00Z"));
        payments.daily();
        assertThat(records("2026-08-03")).as("clean, nothing settled on it since: not redone").hasSize(1);
        assertThat(records("2026-08-04")).singleElement().satisfies(r -> {
            assertThat(r.clean()).isTrue();
            assertThat(r.ourPaidTotalFen()).isEqualTo(45_000L);
        });
        assertThat(records("2026-08-05")).as("redone until clean").hasSize(2);
        assertThat(records("2026-08-06")).hasSize(2);

        // The bureau corrects its statement of 5 Aug: clean on the next run, and then left alone.
        statementOf("2026-08-05", entry(b.getId(), 50_000, "2026-08-05T01:05:00Z"));
        clock.set(Instant.parse("2026-08-12T02:00:00Z"));
        payments.daily();
        assertThat(records("2026-08-05")).hasSize(3).last().satisfies(r -> assertThat(r.clean()).isTrue());
        clock.set(Instant.parse("2026-08-13T02:00:00Z"));
        payments.daily();
        assertThat(records("2026-08-05")).as("every run's record is kept").hasSize(3);
        assertThat(records("2026-08-06")).as("still not clean: still redone").hasSize(4);
        assertThat(records("2026-08-03")).hasSize(1);
    }

    private PaymentInstruction sent(String id, long fen, String at) {
        Instant t = Instant.parse(at);
        PaymentInstruction i = PaymentInstruction.create(id, "claim-" + id, "base-" + id, "420981", 2026, "BASE",
                "base-" + id, "应城市职业技术学校", java.util.List.of("enr-" + id), fen, t.minusSeconds(600));
        i.startSending(t, t.plusSeconds(120));
        i.accepted(t, "CZ-" + id);
        return store.insert(i);
    }

    private PaymentInstruction paid(String id, long fen, String sentAt, String paidAt) {
        Instant t = Instant.parse(sentAt);
        PaymentInstruction i = PaymentInstruction.create(id, "claim-" + id, "base-" + id, "420981", 2026, "BASE",
                "base-" + id, "应城市职业技术学校", java.util.List.of("enr-" + id), fen, t.minusSeconds(600));
        i.startSending(t, t.plusSeconds(120));
        i.paid("CZ-" + id, Instant.parse(paidAt), Instant.parse(paidAt));
        return store.insert(i);
    }

    private java.util.List<Reconciliation> records(String date) {
        return mongo.find(Query.query(Criteria.where("date").is(date).and("ranBy").is("system"))
                .with(org.springframework.data.domain.Sort.by("ranAt")), Reconciliation.class);
    }

    private static String entry(String id, long fen, String paidAt) {
        return "{\"instructionId\":\"" + id + "\",\"bureauReference\":\"CZ-" + id + "\",\"status\":\"PAID\","
                + "\"amountFen\":" + fen + ",\"payeeType\":\"BASE\",\"payeeId\":\"base-" + id + "\",\"paidAt\":\""
                + paidAt + "\"}";
    }

    /** The bureau's statement of one day (any other day: empty). */
    private static void statementOf(String date, String... entries) {
        var s = FinanceBureauStub.server();
        s.stubFor(get(urlPathEqualTo("/api/v1/statements")).atPriority(10).willReturn(okJson(
                "{\"date\":\"any\",\"totalFen\":0,\"entries\":[]}")));
        long total = 0;
        for (String e : entries) {
            total += Long.parseLong(e.replaceAll(".*\"amountFen\":(\\d+).*", "$1"));
        }
        s.stubFor(get(urlPathEqualTo("/api/v1/statements")).withQueryParam("date", equalTo(date)).atPriority(1)
                .willReturn(okJson("{\"date\":\"" + date + "\",\"totalFen\":" + total + ",\"entries\":["
                        + String.join(",", entries) + "]}")));
    }

    @Test
    void theDailyRunFlagsAPaymentWeNeverOrderedAndKeepsTheRecord() {
        // The clock stands at 2026-06-30 10:00 in Shanghai: the run looks at 2026-06-29.
        FinanceBureauStub.server().stubFor(get(urlPathEqualTo("/api/v1/statements")).willReturn(okJson(
                "{\"date\":\"2026-06-29\",\"totalFen\":30000,\"entries\":[{\"instructionId\":\"ghost-1\","
                        + "\"bureauReference\":\"CZ-GHOST\",\"status\":\"PAID\",\"amountFen\":30000,"
                        + "\"payeeType\":\"BASE\",\"payeeId\":\"unknown\",\"paidAt\":\"2026-06-29T03:00:00Z\"}]}")));
        payments.daily();
        Reconciliation r = mongo.findOne(Query.query(Criteria.where("date").is("2026-06-29").and("ranBy").is("system")),
                Reconciliation.class);
        assertThat(r).isNotNull();
        assertThat(r.bureauTotalFen()).isEqualTo(30_000L);
        assertThat(r.mismatches()).extracting(Reconciliation.Mismatch::kind, Reconciliation.Mismatch::instructionId)
                .contains(org.assertj.core.groups.Tuple.tuple("UNKNOWN_TO_US", "ghost-1"));
    }

    @Test
    void whenTheBureauIsDownTheDailyRunRecordsNothing() {
        FinanceBureauStub.server().stubFor(get(urlPathEqualTo("/api/v1/statements")).willReturn(aResponse().withStatus(503)));
        long before = mongo.count(new Query(), Reconciliation.class);
        payments.daily();
        assertThat(mongo.count(new Query(), Reconciliation.class)).isEqualTo(before);
        assertThat(LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai")))).isEqualTo(LocalDate.parse("2026-06-30"));
    }
}
