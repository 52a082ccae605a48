package cn.sunshine.subsidy;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Vouchers (代金券): genuine only with their code, redeemed once by the trainee's own base. */
@SunshineServiceTest
class VouchersTest extends SubsidyServiceTest {


    @Test
    void concurrentRedemptionsOfOneVoucherRedeemItOnce() throws Exception {
        Story story = newStory().setUp("REDUCED_FEE", 0);
        story.enrollAndIssue(List.of("TIER_2"));
        String enrollmentId = story.enrollmentIds.get(0);

        List<Http.Response> answers = AtOnce.send(8, () -> story.redeem(enrollmentId));
        // The same act eight times at once (a double-click, retries): each gets the redeemed voucher, written once.
        assertThat(answers.stream().map(Http.Response::status)).containsOnly(200);
        assertThat(answers.stream().map(r -> r.json().path("redeemedAt").asText()).distinct()).as("one redemption")
                .hasSize(1);

        JsonNode vouchers = Story.ok(http().as(story.officer).get("/api/subsidy/classes/" + story.classId + "/vouchers")).json();
        assertThat(vouchers.get(0).path("status").asText()).isEqualTo("REDEEMED");
        assertThat(vouchers.get(0).path("code").isNull()).as("codes are not listed").isTrue();
    }

    @Test
    void aBaseRedeemsAClassesVouchersInOneBatchAllOrNothingAndRepeatably() {
        Story story = newStory().setUp("REDUCED_FEE", 0);
        List<JsonNode> issued = story.enrollAndIssue(List.of("TIER_1", "TIER_2", "TIER_3"));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (JsonNode v : issued) {
            entries.add(Map.of("serial", v.path("serial").asText(), "code", v.path("code").asText(),
                    "enrollmentId", v.path("enrollmentId").asText()));
        }
        String path = "/api/subsidy/classes/" + story.classId + "/voucher-redemptions";

        // A forged code in row 2 and a voucher named twice (row 4): 422 naming both rows, nothing redeemed.
        String code = issued.get(1).path("code").asText();
        List<Map<String, Object>> bad = new ArrayList<>(entries);
        bad.set(1, Map.of("serial", issued.get(1).path("serial").asText(), "code", (code.charAt(0) == 'A' ? "B" : "A")
                + code.substring(1), "enrollmentId", issued.get(1).path("enrollmentId").asText()));
        bad.add(entries.get(0));
        Http.Response rejected = http().as(story.staff).post(path, Map.of("redemptions", bad));
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.json().path("type").asText()).isEqualTo("urn:sunshine:problem:batch-rejected");
        assertThat(values(rejected.json().path("rows"), "row")).containsExactly("2", "4");
        JsonNode untouched = Story.ok(http().as(story.officer).get("/api/subsidy/classes/" + story.classId + "/vouchers")).json();
        assertThat(values(untouched, "status")).containsOnly("ISSUED");

        // Another base's staff: the class is not theirs (404, as for a single voucher); an empty batch is 400.
        assertThat(http().as(TestTokens.baseStaff(story.county, "another-base")).post(path, Map.of("redemptions", entries))
                .status()).isEqualTo(404);
        assertThat(http().as(story.staff).post(path, Map.of("redemptions", List.of())).status()).isEqualTo(400);

        JsonNode done = Story.ok(http().as(story.staff).post(path, Map.of("redemptions", entries))).json();
        assertThat(done.path("redeemed").asInt()).isEqualTo(3);
        assertThat(done.path("alreadyDone").asInt()).isZero();
        List<String> sent = issued.stream().map(v -> v.path("serial").asText()).toList();
        List<String> answered = new ArrayList<>();
        done.path("serials").forEach(s -> answered.add(s.asText()));
        assertThat(answered).as("the serials in the order sent").isEqualTo(sent);
        // Sent again (a lost answer): the same act, nothing new; a single redemption of one of them agrees.
        JsonNode again = Story.ok(http().as(story.staff).post(path, Map.of("redemptions", entries))).json();
        assertThat(again.path("redeemed").asInt()).isZero();
        assertThat(again.path("alreadyDone").asInt()).isEqualTo(3);
        assertThat(Story.ok(story.redeem(story.enrollmentIds.get(0))).json().path("status").asText()).isEqualTo("REDEEMED");
        JsonNode after = Story.ok(http().as(story.officer).get("/api/subsidy/classes/" + story.classId + "/vouchers")).json();
        assertThat(values(after, "status")).containsOnly("REDEEMED");
        assertThat(values(after, "redeemedBy")).containsOnly(after.get(0).path("redeemedBy").asText());
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    void aForgedCodeOrSerialIsRefusedAndTheVoucherStaysUnredeemed() {
        Story story = newStory().setUp("REDUCED_FEE", 0);
        JsonNode voucher = story.enrollAndIssue(List.of("TIER_3")).get(0);
        String serial = voucher.path("serial").asText();
        String code = voucher.path("code").asText();
        assertThat(voucher.path("amountFen").asLong()).isEqualTo(30_000L);
        assertThat(code).matches("[0-9A-Z]{8}");

        String forgedCode = (code.charAt(0) == 'A' ? "B" : "A") + code.substring(1);
        Http.Response forged = http().as(story.staff).post("/api/subsidy/vouchers/redemption",
                Map.of("serial", serial, "code", forgedCode, "enrollmentId", story.enrollmentIds.get(0)));
        assertThat(forged.status()).isEqualTo(422);
        assertThat(forged.json().path("type").asText()).isEqualTo("urn:sunshine:problem:voucher-invalid");

        String nextSerial = serial.substring(0, serial.length() - 6) + String.format("%06d",
                Integer.parseInt(serial.substring(serial.length() - 6)) + 500_000);
        Http.Response invented = http().post("/api/public/subsidy/vouchers/verification",
                Map.of("serial", nextSerial, "code", code));
        assertThat(invented.json().path("genuine").asBoolean()).isFalse();
        Http.Response wrongCode = http().post("/api/public/subsidy/vouchers/verification",
                Map.of("serial", serial, "code", forgedCode));
        assertThat(wrongCode.status()).isEqualTo(200);
        assertThat(wrongCode.json().path("genuine").asBoolean()).isFalse();

        JsonNode genuine = http().post("/api/public/subsidy/vouchers/verification",
                Map.of("serial", serial, "code", code.toLowerCase())).json();
        assertThat(genuine.path("genuine").asBoolean()).isTrue();
        assertThat(genuine.path("status").asText()).isEqualTo("ISSUED");
        assertThat(genuine.path("amountFen").asLong()).isEqualTo(30_000L);
        assertThat(genuine.toString()).doesNotContain(story.enrollmentIds.get(0)).doesNotContain("maskedIdNumber");

        // Another base's staff cannot redeem it, even with the right code.
        Http.Response otherBase = http().as(TestTokens.baseStaff(story.county, "another-base")).post(
                "/api/subsidy/vouchers/redemption",
                Map.of("serial", serial, "code", code, "enrollmentId", story.enrollmentIds.get(0)));
        assertThat(otherBase.status()).isEqualTo(404);
        assertThat(Story.ok(story.redeem(story.enrollmentIds.get(0))).json().path("status").asText()).isEqualTo("REDEEMED");
    }

    @Test
    void aTraineeWhoWithdrawsLosesTheUnredeemedVoucher() {
        Story story = newStory().setUp("REFUND_AFTER", 0);
        story.enrollAndIssue(List.of("TIER_1", "TIER_2"));
        String leaving = story.enrollmentIds.get(1);
        cn.sunshine.platform.test.TestEvents.publish(rabbit, messaging.getExchange(),
                cn.sunshine.platform.events.EventTypes.TRAINEE_WITHDRAWN,
                new cn.sunshine.platform.events.enrollment.TraineeLeft(leaving, story.classId, story.baseId, story.county,
                        Story.MAJOR, story.year, "李伟", "420981********1001", "外出务工 (left to work)",
                        java.time.Instant.parse(story.year + "-04-05T02:00:00Z"), "staff-" + story.baseId),
                leaving, story.county);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> {
            JsonNode vs = http().as(story.officer).get("/api/subsidy/classes/" + story.classId + "/vouchers").json();
            for (JsonNode v : vs) {
                if (v.path("enrollmentId").asText().equals(leaving)) {
                    return v.path("status").asText().equals("VOID");
                }
            }
            return false;
        });
        assertThat(story.redeem(leaving).status()).isEqualTo(409);
        assertThat(Story.ok(story.redeem(story.enrollmentIds.get(0))).json().path("status").asText()).isEqualTo("REDEEMED");
    }

    @Test
    void aWholeIdNumberArrivingByMistakeIsNeverKeptOrShown() {
        Story story = newStory().setUp("REDUCED_FEE", 0);
        String enrollmentId = "enr-" + java.util.UUID.randomUUID();
        cn.sunshine.platform.test.TestEvents.publish(rabbit, messaging.getExchange(),
                cn.sunshine.platform.events.EventTypes.TRAINEE_ENROLLED,
                new cn.sunshine.platform.events.enrollment.TraineeEnrolled(enrollmentId, story.classId, story.baseId,
                        story.county, Story.MAJOR, story.year, "张伟", "42098119900101123X", "MALE", "REDUCED_FEE",
                        80_000, "TIER_2", 20_000, java.time.Instant.parse(story.year + "-04-01T02:00:00Z"), "staff"),
                enrollmentId, story.county);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() ->
                mongo.exists(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is(enrollmentId)),
                        cn.sunshine.subsidy.voucher.Trainee.class));
        JsonNode v = Story.ok(http().as(story.officer).post("/api/subsidy/classes/" + story.classId + "/vouchers", null))
                .json().get(0);
        assertThat(v.path("maskedIdNumber").asText()).isEqualTo("420981********123X");
        assertThat(mongo.findById(enrollmentId, cn.sunshine.subsidy.voucher.Trainee.class).getMaskedIdNumber())
                .isEqualTo("420981********123X");
    }

    @Test
    void issuingAgainIssuesNothingNewAndAForeignCountySeesNothing() {
        Story story = newStory().setUp("REDUCED_FEE", 0);
        List<JsonNode> first = story.enrollAndIssue(List.of("TIER_1", "TIER_2", "TIER_3"));
        Http.Response again = http().as(story.officer).post("/api/subsidy/classes/" + story.classId + "/vouchers", null);
        List<String> serialsAgain = new ArrayList<>();
        again.json().forEach(v -> serialsAgain.add(v.path("serial").asText()));
        assertThat(serialsAgain).containsExactlyInAnyOrderElementsOf(first.stream().map(v -> v.path("serial").asText()).toList());

        Http.Response foreign = http().as(TestTokens.of("COUNTY_OFFICER", "430102"))
                .post("/api/subsidy/classes/" + story.classId + "/vouchers", null);
        assertThat(foreign.status()).isEqualTo(404);
    }
}
