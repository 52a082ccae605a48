package cn.sunshine.accreditation;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Multipart;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19 in accreditation: an application's declared documents get their files (the SHA-256 declared is the one
 * checked), a complaint gets its evidence; the readers download the same bytes, each download recorded for the
 * auditors, and another county finds nothing.
 */
@SunshineServiceTest
class DocumentsAndEvidenceTest extends ServiceTestSupport {

    @Test
    void anApplicationsDeclaredDocumentIsUploadedWithTheDeclaredHashAndReadByItsReaders() throws Exception {
        clock.set(Instant.parse("2041-06-19T02:00:00Z"));
        String tenderId = Fixtures.publishedTender(http(), clock, 2041);

        byte[] certificate = Multipart.pdf("事业单位法人证书 " + tenderId);
        Map<String, Object> application = new LinkedHashMap<>(Fixtures.application("县职业中学", Fixtures.creditCode(),
                List.of((String) Fixtures.MAJORS.get(0)[0])));
        application.put("documents", List.of(Map.of("name", "事业单位法人证书.pdf", "type", "LEGAL_PERSON_CERTIFICATE",
                "sha256", sha256(certificate), "sizeBytes", certificate.length), ((List<?>) application.get("documents")).get(1)));
        String applicant = Fixtures.applicant(41);
        Http.Response applied = http().as(applicant).post("/api/accreditation/tenders/" + tenderId + "/applications", application);
        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        String path = "/api/accreditation/applications/" + applied.json().path("id").asText() + "/attachments";

        Http.Response other = http().as(applicant).postFile(path, Map.of("kind", "LEGAL_PERSON_CERTIFICATE"), "证书.pdf",
                Multipart.pdf("another file"));
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.json().path("type").asText()).isEqualTo("urn:sunshine:problem:attachment-hash-mismatch");
        assertThat(http().as(applicant).postFile(path, Map.of("kind", "BUSINESS_LICENCE"), "x.pdf", certificate).status())
                .as("a type the application did not declare").isEqualTo(400);
        Http.Response up = http().as(applicant).postFile(path, Map.of("kind", "LEGAL_PERSON_CERTIFICATE"), "事业单位法人证书.pdf",
                certificate);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        assertThat(up.json().path("sha256").asText()).isEqualTo(sha256(certificate));
        // another institution cannot upload to it
        assertThat(http().as(Fixtures.applicant(42)).postFile(path, Map.of("kind", "LEGAL_PERSON_CERTIFICATE"), "a.pdf",
                certificate).status()).isEqualTo(404);

        Http.Download d = http().as(Fixtures.OFFICER).download(path + "/" + up.json().path("id").asText() + "?purpose=资格审查");
        assertThat(d.status()).isEqualTo(200);
        assertThat(sha256(d.body())).isEqualTo(sha256(certificate));
        assertThat(http().as(applicant).get(path).json()).hasSize(1);
        assertThat(http().as(Fixtures.ANLU_OFFICER).get(path).status()).isEqualTo(404);
        JsonNode audit = http().as(TestTokens.of("AUDITOR", Seeds.YINGCHENG))
                .get("/api/accreditation/attachment-downloads?attachmentId=" + up.json().path("id").asText()).json();
        assertThat(audit.path("total").asLong()).isEqualTo(1);
        assertThat(audit.path("items").get(0).path("purpose").asText()).isEqualTo("资格审查");
    }

    @Test
    void aComplaintsEvidenceIsAttachedByTheCountyAndReadByItsOfficialsOnly() throws Exception {
        Map<String, Object> complaint = new LinkedHashMap<>();
        complaint.put("divisionCode", Seeds.YINGCHENG);
        complaint.put("subject", Map.of("type", "OTHER", "description", "培训费收据"));
        complaint.put("statement", "基地收取培训费后未开收据");
        Http.Response taken = http().as(Fixtures.OFFICER).post("/api/accreditation/complaints", complaint);
        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
        String path = "/api/accreditation/complaints/" + taken.json().path("id").asText() + "/evidence";

        byte[] photo = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 1, 2, 3};
        Http.Response up = http().as(Fixtures.OFFICER).postFile(path, Map.of("kind", "EVIDENCE"), "收据照片.jpg", photo);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        assertThat(up.json().path("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(http().as(Fixtures.OFFICER).postFile(path, Map.of("kind", "EVIDENCE"), "a.pdf",
                "not a pdf".getBytes(java.nio.charset.StandardCharsets.UTF_8)).status()).isEqualTo(415);
        assertThat(http().as(Fixtures.ANLU_OFFICER).postFile(path, Map.of("kind", "EVIDENCE"), "b.jpg", photo).status())
                .isEqualTo(404);

        Http.Download d = http().as(TestTokens.of("COUNTY_LEADER", Seeds.YINGCHENG)).download(path + "/" + up.json().path("id").asText());
        assertThat(d.status()).isEqualTo(200);
        assertThat(sha256(d.body())).isEqualTo(sha256(photo));
        assertThat(http().as(Fixtures.ANLU_OFFICER).download(path + "/" + up.json().path("id").asText()).status()).isEqualTo(404);
        assertThat(http().as(TestTokens.baseStaff(Seeds.YINGCHENG, "base-1")).get(path).status()).isEqualTo(403);
        assertThat(http().as(TestTokens.of("AUDITOR", Seeds.YINGCHENG))
                .get("/api/accreditation/attachment-downloads?ownerId=" + taken.json().path("id").asText()).json()
                .path("total").asLong()).isEqualTo(1);
    }

    @Test
    void anInspectionVisitsPhotosAreAttachedByTheCountyAndReadByTheVisitsReaders() throws Exception {
        String baseId = Fixtures.registerBase(http(), "东马坊职校", Fixtures.creditCode(), Map.of("COMPUTING", 100));
        clock.set(Instant.parse("2026-03-18T02:00:00Z"));
        Http.Response visit = http().as(Fixtures.OFFICER).post("/api/accreditation/inspection-visits",
                InspectionTest.visit(baseId, "SUPERVISION", "2026-03-18", InspectionTest.scores(Map.of("ATTENDANCE", 4)),
                        List.of(InspectionTest.finding("ATTENDANCE", "考勤表未逐日签到", null, null))));
        assertThat(visit.status()).as(visit.toString()).isEqualTo(201);
        String path = "/api/accreditation/inspection-visits/" + visit.json().path("id").asText() + "/documents";

        byte[] photo = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 1, 2, 3};
        Http.Response up = http().as(Fixtures.OFFICER).postFile(path, Map.of("kind", "PHOTO"), "课堂照片.png", photo);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        assertThat(up.json().path("contentType").asText()).isEqualTo("image/png");
        assertThat(http().as(Fixtures.OFFICER).postFile(path, Map.of("kind", "VIDEO"), "a.png", photo).status())
                .as("a kind the visit does not take").isEqualTo(400);
        assertThat(http().as(Fixtures.OFFICER).postFile(path, Map.of("kind", "PHOTO"), "a.exe",
                new byte[] {'M', 'Z', 0, 1, 2}).status()).as("a type the store refuses").isEqualTo(415);
        assertThat(http().as(Fixtures.ANLU_OFFICER).postFile(path, Map.of("kind", "PHOTO"), "b.png", photo).status())
                .isEqualTo(404);
        assertThat(http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId)).postFile(path, Map.of("kind", "PHOTO"), "c.png",
                photo).status()).as("the base does not attach to the county's visit").isEqualTo(403);

        // The base's own staff read what the visit found, with its documents; another base's do not.
        Http.Download d = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId)).download(path + "/" + up.json().path("id").asText());
        assertThat(d.status()).isEqualTo(200);
        assertThat(sha256(d.body())).isEqualTo(sha256(photo));
        assertThat(http().as(TestTokens.baseStaff(Seeds.YINGCHENG, "another-base")).get(path).status()).isEqualTo(404);
        assertThat(http().as(Fixtures.OFFICER).get(path).json().findValuesAsString("kind")).containsExactly("PHOTO");
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
