package cn.sunshine.subsidy;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.AgreedMajor;
import cn.sunshine.platform.events.accreditation.AgreementSigned;
import cn.sunshine.platform.events.enrollment.TraineeCompleted;
import cn.sunshine.platform.events.enrollment.TraineeEnrolled;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.TestEvents;
import cn.sunshine.platform.test.TestTokens;
import cn.sunshine.subsidy.voucher.Trainee;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One base's year in Yingcheng (应城市), driven as the people would: the province's standard
 * (100/200/300 yuan), the fund, the base's agreement and its trainees (from enrollment's events), the
 * officer's vouchers at the opening, the base's redemptions and claim, and the chain's decisions.
 * Each story has its own year, so stories in the one shared context do not share a fund.
 */
final class Story {

    static final String MAJOR = "WELDING";
    static final Map<String, Long> TIERS = Map.of("TIER_1", 10_000L, "TIER_2", 20_000L, "TIER_3", 30_000L);
    private static final AtomicInteger YEARS = new AtomicInteger(2031);
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰"};

    final String county;
    final Http http;
    final RabbitTemplate rabbit;
    final String exchange;
    final MongoTemplate mongo;
    final int year = YEARS.getAndIncrement();
    final String baseId = "base-" + UUID.randomUUID();
    final String classId = "class-" + UUID.randomUUID();
    final List<String> enrollmentIds = new ArrayList<>();
    final Map<String, String> codes = new java.util.HashMap<>();
    final Map<String, String> serialOf = new java.util.HashMap<>();

    final String officer;
    final String leader;
    final String cityOfficer;
    final String finance;
    /** The finance bureau's second person: confirms what the first recorded (maker–checker). */
    final String financeChecker;
    final String staff;

    /** A story in Yingcheng. */
    Story(Http http, RabbitTemplate rabbit, String exchange, MongoTemplate mongo) {
        this(Seeds.YINGCHENG, http, rabbit, exchange, mongo);
    }

    Story(String county, Http http, RabbitTemplate rabbit, String exchange, MongoTemplate mongo) {
        this.county = county;
        this.officer = TestTokens.of("officer-wang-" + year, Set.of("COUNTY_OFFICER"), county, null);
        this.leader = TestTokens.of("leader-li-" + year, Set.of("COUNTY_LEADER"), county, null);
        this.cityOfficer = TestTokens.of("city-zhao-" + year, Set.of("CITY_OFFICER"), county.substring(0, 4) + "00", null);
        this.finance = TestTokens.of("finance-chen-" + year, Set.of("FINANCE_OFFICER"), county, null);
        this.financeChecker = TestTokens.of("finance-he-" + year, Set.of("FINANCE_OFFICER"), county, null);
        this.staff = TestTokens.baseStaff(county, baseId);
        this.http = http;
        this.rabbit = rabbit;
        this.exchange = exchange;
        this.mongo = mongo;
    }

    /** The standard, a fund of {@code fundFen}, the base and its signed agreement with the payment mode. */
    Story setUp(String paymentMode, long fundFen) {
        Http.Response s = http.as(TestTokens.of("PROVINCE_OFFICER", Seeds.PROVINCE)).post("/api/subsidy/standards",
                Map.of("divisionCode", Seeds.PROVINCE, "year", year, "majorCode", MAJOR, "tierAmountsFen", TIERS,
                        "centralPerHeadFen", 10_000, "provincialPerHeadFen", 5_000, "cityPerHeadFen", 5_000));
        assertThat(s.status()).as(s.toString()).isEqualTo(201);
        deposit(fundFen);
        TestEvents.publish(rabbit, exchange, EventTypes.BASE_ACCREDITED, Seeds.baseAccredited(baseId, county), baseId,
                county);
        Instant signed = Instant.parse(year + "-03-01T02:00:00Z");
        TestEvents.publish(rabbit, exchange, EventTypes.AGREEMENT_SIGNED, new AgreementSigned("agr-" + baseId, 1, baseId,
                county, year, List.of(new AgreedMajor(MAJOR, "焊工", 100, 80_000)), paymentMode, 9000,
                "officer-wang", signed, "校长 刘明", "staff-" + baseId, signed, null), "agr-" + baseId, county);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.exists(Query.query(Criteria.where("_id")
                .is(baseId + ":" + year)), "base_agreements"));
        return this;
    }

    void deposit(long fen) {
        if (fen <= 0) {
            return;
        }
        String reference = "ZB-" + year + "-" + UUID.randomUUID();
        Http.Response d = http.as(finance).post("/api/subsidy/funds/deposits", Map.of("divisionCode", county,
                "year", year, "source", "CENTRAL", "amountFen", fen, "reference", reference));
        assertThat(d.status()).as(d.toString()).isEqualTo(200);
        String depositId = null;
        for (JsonNode p : d.json().path("pendingDeposits")) {
            if (reference.equals(p.path("reference").asText())) {
                depositId = p.path("depositId").asText();
            }
        }
        assertThat(depositId).as("the recorded deposit waits for its confirmation").isNotNull();
        Http.Response c = http.as(financeChecker).post("/api/subsidy/funds/" + county + "/" + year + "/deposits/"
                + depositId + "/confirmation", Map.of("reference", reference, "amountFen", fen));
        assertThat(c.status()).as(c.toString()).isEqualTo(200);
    }

    /** {@code tiers} trainees enroll (one tier each, in order) and the officer hands out their vouchers. */
    List<JsonNode> enrollAndIssue(List<String> tiers) {
        for (int i = 0; i < tiers.size(); i++) {
            String enrollmentId = "enr-" + UUID.randomUUID();
            enrollmentIds.add(enrollmentId);
            TestEvents.publish(rabbit, exchange, EventTypes.TRAINEE_ENROLLED, new TraineeEnrolled(enrollmentId, classId,
                    baseId, county, MAJOR, year, name(i), masked(i), i % 2 == 0 ? "MALE" : "FEMALE", "REDUCED_FEE",
                    80_000, tiers.get(i), TIERS.get(tiers.get(i)), Instant.parse(year + "-04-01T02:00:00Z"),
                    "staff-" + baseId), enrollmentId, county);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.count(Query.query(Criteria.where("classId").is(classId)
                .and("enrolled").is(true)), Trainee.class) == tiers.size());
        Http.Response issued = http.as(officer).post("/api/subsidy/classes/" + classId + "/vouchers", null);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        List<JsonNode> vouchers = new ArrayList<>();
        issued.json().forEach(v -> {
            vouchers.add(v);
            codes.put(v.path("serial").asText(), v.path("code").asText());
            serialOf.put(v.path("enrollmentId").asText(), v.path("serial").asText());
        });
        return vouchers;
    }

    /** {@link #enrollAndIssue} {@code trainees} in the tiers 3:4:3, who redeem their vouchers and complete: claimable. */
    List<JsonNode> issueRedeemAndComplete(int trainees) {
        List<JsonNode> vouchers = enrollAndIssue(tiers343(trainees));
        redeemAll();
        completeAll();
        return vouchers;
    }

    Http.Response redeem(String enrollmentId) {
        String serial = serialOf.get(enrollmentId);
        return http.as(staff).post("/api/subsidy/vouchers/redemption",
                Map.of("serial", serial, "code", codes.get(serial), "enrollmentId", enrollmentId));
    }

    void redeemAll() {
        for (String e : enrollmentIds) {
            Http.Response r = redeem(e);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }
    }

    void completeAll() {
        for (int i = 0; i < enrollmentIds.size(); i++) {
            String e = enrollmentIds.get(i);
            TestEvents.publish(rabbit, exchange, EventTypes.TRAINEE_COMPLETED, new TraineeCompleted(e, classId, baseId,
                    county, MAJOR, year, name(i), masked(i), "YC" + year + "-WELD-" + i, null, null,
                    Instant.parse(year + "-06-15T02:00:00Z"), "staff-" + baseId), e, county);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.count(Query.query(Criteria.where("classId").is(classId)
                .and("completedAt").ne(null)), Trainee.class) == enrollmentIds.size());
    }

    Http.Response claim(List<String> enrollments) {
        return http.as(staff).post("/api/subsidy/claims", Map.of("classId", classId,
                "voucherSerials", enrollments.stream().map(serialOf::get).toList(), "attachmentIds", documents("COMPLETION")));
    }

    Http.Response claimPlacementPart(List<String> enrollments) {
        return http.as(staff).post("/api/subsidy/claims", Map.of("classId", classId, "part", "PLACEMENT",
                "voucherSerials", enrollments.stream().map(serialOf::get).toList(), "attachmentIds", documents("PLACEMENT")));
    }

    private static final AtomicInteger DOCUMENTS = new AtomicInteger();

    /** The documents a claim of the part must carry, uploaded for the class (small PDFs); their ids. */
    List<String> documents(String part) {
        List<String> ids = new ArrayList<>();
        for (String kind : "PLACEMENT".equals(part) ? List.of("LABOUR_CONTRACT", "EMPLOYER_LIST") : List.of("FEE_RECEIPT", "ID_COPY")) {
            ids.add(upload(kind, cn.sunshine.platform.test.Multipart.pdf(kind + " " + DOCUMENTS.incrementAndGet())).json()
                    .path("id").asText());
        }
        return ids;
    }

    /** The base's staff upload a document for the class's claim. */
    Http.Response upload(String kind, byte[] content) {
        Http.Response r = http.as(staff).postFile("/api/subsidy/classes/" + classId + "/claim-attachments",
                Map.of("kind", kind), kind.toLowerCase() + ".pdf", content);
        return r;
    }

    /** The first placement of each trainee, as placement-service reports it. */
    void placed(List<String> enrollments) {
        for (String e : enrollments) {
            TestEvents.publish(rabbit, exchange, EventTypes.TRAINEE_PLACED, new cn.sunshine.platform.events.placement
                    .TraineePlaced("pl-" + e, e, classId, baseId, county, MAJOR, year, "湖北双环科技股份有限公司",
                    "91420900706962485K", "焊工", 350_000, java.time.LocalDate.parse(year + "-07-01"), "LOCAL", true,
                    null, Instant.parse(year + "-07-01T02:00:00Z"), "staff-" + baseId), "pl-" + e, county);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.count(Query.query(Criteria.where("classId").is(classId)
                .and("placedAt").ne(null)), Trainee.class) == enrollments.size());
    }

    Http.Response decide(String token, String claimId, String act, String decision, String reason) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("decision", decision);
        if (reason != null) {
            body.put("reason", reason);
        }
        return http.as(token).post("/api/subsidy/claims/" + claimId + "/" + act, body);
    }

    /** The base claims the completion part for these trainees and the chain approves it; the claim's id. */
    String approvedClaim(List<String> enrollments) {
        String claimId = ok(claim(enrollments)).json().path("claimId").asText();
        approveThroughTheChain(claimId);
        return claimId;
    }

    /** The base claims the placement part for these trainees and the chain approves it; the claim's id. */
    String approvedPlacementClaim(List<String> enrollments) {
        String claimId = ok(claimPlacementPart(enrollments)).json().path("claimId").asText();
        approveThroughTheChain(claimId);
        return claimId;
    }

    /** The finance officer sends the pending instructions now (a payment run). */
    Http.Response runPayments() {
        return ok(http.as(finance).post("/api/subsidy/payment-runs", null));
    }

    /** A claim's status as the county officer reads it. */
    String claimStatus(String claimId) {
        return ok(http.as(officer).get("/api/subsidy/claims/" + claimId)).json().path("status").asText();
    }

    /** The county pays {@code completionShareBp} of each voucher at completion and the rest on placement. */
    void splitAt(int completionShareBp) {
        ok(http.as(officer).post("/api/subsidy/split-policies", Map.of("divisionCode", county, "year", year,
                "completionShareBp", completionShareBp, "reason", (100 - completionShareBp / 100) + "% 按实际转移就业人数拨付")));
    }

    /** 核准 → 审批 (→ extra approval) → 复核, each by another person; returns the ordered claim. */
    JsonNode approveThroughTheChain(String claimId) {
        ok(decide(officer, claimId, "verification", "APPROVE", "ledger, ID copies and vouchers agree"));
        JsonNode approved = ok(decide(leader, claimId, "approval", "APPROVE", null)).json();
        if ("AWAITING_EXTRA_APPROVAL".equals(approved.path("status").asText())) {
            ok(decide(cityOfficer, claimId, "extra-approval", "APPROVE", "above the county's threshold: city agrees"));
        }
        JsonNode ordered = ok(decide(finance, claimId, "recheck", "APPROVE", "复核 against the earmarked account")).json();
        assertThat(ordered.path("status").asText()).isEqualTo("ORDERED");
        return ordered;
    }

    static Http.Response ok(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
        return r;
    }

    static String name(int i) {
        return SURNAMES[i % SURNAMES.length] + GIVEN[(i / SURNAMES.length) % GIVEN.length];
    }

    /** The masked ID numbers the trainees' events carry, in order; where none is given, a made-up one. */
    final List<String> maskedIds = new ArrayList<>();

    String masked(int i) {
        return i < maskedIds.size() ? maskedIds.get(i) : county + "********" + String.format("%04d", 1000 + i);
    }

    /** Tiers in the seeds' ratio 3:4:3 for a class of {@code n} (a multiple of 10). */
    static List<String> tiers343(int n) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int r = i % 10;
            t.add(r < 3 ? "TIER_1" : r < 7 ? "TIER_2" : "TIER_3");
        }
        return t;
    }
}
