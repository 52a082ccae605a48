package cn.sunshine.subsidy.payment;

import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.subsidy.FinanceBureauStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.LocalDate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The unattended daily run: every county, the day before; a bureau that is down leaves no half record. */
@SunshineServiceTest
class DailyReconciliationTest extends ServiceTestSupport {

    @Autowired
    Payments payments;
    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void healthyBureau() {
        FinanceBureauStub.healthy();
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
