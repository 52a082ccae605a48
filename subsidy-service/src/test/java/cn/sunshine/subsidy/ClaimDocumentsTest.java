package cn.sunshine.subsidy;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Multipart;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19 in subsidy: a claim carries the documents its rules require (a completion claim the fee receipts and
 * ID copies), cannot be submitted without them (422 attachments-missing naming the kinds), and its documents are
 * read by the county's officials with every download recorded for the auditors; another county finds nothing.
 */
@cn.sunshine.platform.test.SunshineServiceTest
class ClaimDocumentsTest extends SubsidyServiceTest {

    @Test
    void aClaimWithoutTheRequiredDocumentsIsRefusedNamingThemAndTakesNothing() {
        Story story = claimableStory(4, 1_000_000);
        List<String> serials = story.enrollmentIds.stream().map(story.serialOf::get).toList();
        Http staff = story.http.as(story.staff);

        Http.Response none = staff.post("/api/subsidy/claims", Map.of("classId", story.classId, "voucherSerials", serials));
        assertThat(none.status()).as(none.toString()).isEqualTo(422);
        assertThat(none.json().path("type").asText()).isEqualTo("urn:sunshine:problem:attachments-missing");
        assertThat(none.json().path("errors").findValuesAsString("field"))
                .containsExactly("attachments[FEE_RECEIPT]", "attachments[ID_COPY]");
        Http.Response zh = staff.header("Accept-Language", "zh-CN").post("/api/subsidy/claims",
                Map.of("classId", story.classId, "voucherSerials", serials));
        assertThat(zh.json().path("title").asText()).isEqualTo("缺少必需的附件");

        String receipt = story.upload("FEE_RECEIPT", Multipart.pdf("收据 " + story.classId)).json().path("id").asText();
        Http.Response onlyReceipt = staff.post("/api/subsidy/claims", Map.of("classId", story.classId,
                "voucherSerials", serials, "attachmentIds", List.of(receipt)));
        assertThat(onlyReceipt.status()).isEqualTo(422);
        assertThat(onlyReceipt.json().path("errors").findValuesAsString("field")).containsExactly("attachments[ID_COPY]");

        // another base cannot claim with this base's documents
        Story other = claimableStory(1, 1_000_000);
        Http.Response foreign = other.http.as(other.staff).post("/api/subsidy/claims", Map.of("classId", other.classId,
                "voucherSerials", other.enrollmentIds.stream().map(other.serialOf::get).toList(),
                "attachmentIds", List.of(receipt, other.documents("COMPLETION").get(1))));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.json().path("type").asText()).isEqualTo("urn:sunshine:problem:claim-attachments-invalid");

        // nothing was taken: the same vouchers are claimed with the documents
        String id = story.upload("ID_COPY", Multipart.pdf("身份证复印件 " + story.classId)).json().path("id").asText();
        Http.Response ok = staff.post("/api/subsidy/claims", Map.of("classId", story.classId, "voucherSerials", serials,
                "attachmentIds", List.of(receipt, id)));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        String claimId = ok.json().path("claimId").asText();
        JsonNode docs = Story.ok(staff.get("/api/subsidy/claims/" + claimId + "/attachments")).json();
        assertThat(docs.findValuesAsString("kind")).containsExactlyInAnyOrder("FEE_RECEIPT", "ID_COPY");
        assertThat(Story.ok(staff.get("/api/subsidy/classes/" + story.classId + "/claim-attachments")).json())
                .as("the class's drafts went into the claim").isEmpty();
    }

    @Test
    void theCountysOfficialsDownloadTheSameBytesEachDownloadIsAuditedAndAnotherCountyFindsNothing() throws Exception {
        Story story = claimableStory(2, 1_000_000);
        byte[] idCopy = Multipart.pdf("身份证复印件 王伟 " + story.classId);
        Http.Response up = story.upload("ID_COPY", idCopy);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        assertThat(up.json().path("sha256").asText()).isEqualTo(sha256(idCopy));
        String receipt = story.upload("FEE_RECEIPT", Multipart.pdf("收据 " + story.classId)).json().path("id").asText();
        String claimId = Story.ok(story.http.as(story.staff).post("/api/subsidy/claims", Map.of("classId", story.classId,
                "voucherSerials", story.enrollmentIds.stream().map(story.serialOf::get).toList(),
                "attachmentIds", List.of(receipt, up.json().path("id").asText())))).json().path("claimId").asText();
        String attachmentId = up.json().path("id").asText();
        String path = "/api/subsidy/claims/" + claimId + "/attachments/" + attachmentId;

        Http.Download d = story.http.as(story.officer).download(path + "?purpose=核准");
        assertThat(d.status()).isEqualTo(200);
        assertThat(sha256(d.body())).isEqualTo(sha256(idCopy));
        assertThat(d.header("X-Content-SHA256")).isEqualTo(sha256(idCopy));
        assertThat(story.http.as(story.finance).download(path).status()).isEqualTo(200);

        // another county's officer: as if neither the claim nor the document existed
        String elsewhere = TestTokens.of("COUNTY_OFFICER", "420982");
        assertThat(story.http.as(elsewhere).download(path).status()).isEqualTo(404);
        assertThat(story.http.as(elsewhere).get("/api/subsidy/claims/" + claimId + "/attachments").status()).isEqualTo(404);
        // a document of another claim is not this claim's
        assertThat(story.http.as(story.officer).download("/api/subsidy/claims/" + claimId + "/attachments/"
                + "0123456789abcdef01234567").status()).isEqualTo(404);

        String auditor = TestTokens.of("AUDITOR", story.county);
        JsonNode audit = Story.ok(story.http.as(auditor).get("/api/subsidy/attachment-downloads?attachmentId=" + attachmentId)).json();
        assertThat(audit.path("total").asLong()).isEqualTo(2);
        assertThat(audit.path("items").findValuesAsString("purpose")).contains("核准");
        assertThat(audit.path("items").findValuesAsString("kind")).containsOnly("ID_COPY");
        assertThat(story.http.as(TestTokens.of("AUDITOR", "420982"))
                .get("/api/subsidy/attachment-downloads?attachmentId=" + attachmentId).json().path("total").asLong()).isZero();

        // while the claim waits for 核准 the base may add a document; once verified, no more
        Http.Response more = story.http.as(story.staff).postFile("/api/subsidy/claims/" + claimId + "/attachments",
                Map.of("kind", "OTHER"), "说明.pdf", Multipart.pdf("说明 " + claimId));
        assertThat(more.status()).as(more.toString()).isEqualTo(201);
        Story.ok(story.decide(story.officer, claimId, "verification", "APPROVE", null));
        Http.Response late = story.http.as(story.staff).postFile("/api/subsidy/claims/" + claimId + "/attachments",
                Map.of("kind", "OTHER"), "迟到.pdf", Multipart.pdf("迟到 " + claimId));
        assertThat(late.status()).isEqualTo(409);
    }

    @Test
    void aDocumentOfAnotherTypeOrKindIsRefused() {
        Story story = claimableStory(1, 1_000_000);
        Http.Response exe = story.upload("FEE_RECEIPT", "MZ not a receipt".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(exe.status()).isEqualTo(415);
        assertThat(exe.json().path("type").asText()).isEqualTo("urn:sunshine:problem:attachment-type-refused");
        Http.Response kind = story.upload("SELFIE", Multipart.pdf("x"));
        assertThat(kind.status()).isEqualTo(400);
        // a class not of the caller's base
        Http.Response foreign = story.http.as(TestTokens.baseStaff(story.county, "base-other")).postFile(
                "/api/subsidy/classes/" + story.classId + "/claim-attachments", Map.of("kind", "FEE_RECEIPT"), "a.pdf",
                Multipart.pdf("y"));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(Story.ok(story.http.as(story.staff).get("/api/subsidy/claim-rules")).json()
                .path("required").path("PLACEMENT").toString()).isEqualTo("[\"LABOUR_CONTRACT\",\"EMPLOYER_LIST\"]");
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
