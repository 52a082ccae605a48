package cn.sunshine.platform.test.app;

import cn.sunshine.platform.attachment.ContentTypes;
import cn.sunshine.platform.attachment.EicarScanner;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Multipart;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19 at the platform: attachments in GridFS on the embedded MongoDB-wire server — a stored file comes back
 * byte for byte with the same SHA-256; a 30 MB file, a disallowed type (judged by the bytes), the EICAR test file and
 * a malformed multipart body are refused with problems and leave nothing stored; every download is recorded.
 */
@SunshineServiceTest
class AttachmentsTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    final String officer = TestTokens.of("COUNTY_OFFICER", "420981");

    Http http() {
        return Http.local(port).as(officer);
    }

    @Test
    void aStoredAttachmentComesBackWithTheSameHashAndItsDownloadIsAudited() throws Exception {
        String parcel = "p-" + UUID.randomUUID();
        // 3 MB: many GridFS chunks; a PDF by its first bytes whatever the client calls it
        byte[] pdf = bigPdf(3 * 1024 * 1024);
        Http.Response up = http().postFile("/api/probe/parcels/" + parcel + "/attachments", Map.of("kind", "FEE_RECEIPT"),
                "收据 2026.pdf", pdf);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        JsonNode a = up.json();
        assertThat(a.path("sha256").asText()).isEqualTo(sha256(pdf));
        assertThat(a.path("contentType").asText()).isEqualTo(ContentTypes.PDF);
        assertThat(a.path("sizeBytes").asLong()).isEqualTo(pdf.length);
        assertThat(a.path("fileName").asText()).isEqualTo("收据 2026.pdf");
        assertThat(a.path("kind").asText()).isEqualTo("FEE_RECEIPT");

        // the same file again (a retried upload) is the same attachment
        Http.Response again = http().postFile("/api/probe/parcels/" + parcel + "/attachments", Map.of("kind", "FEE_RECEIPT"),
                "收据 2026.pdf", pdf);
        assertThat(again.json().path("id").asText()).isEqualTo(a.path("id").asText());
        assertThat(http().get("/api/probe/parcels/" + parcel + "/attachments").json()).hasSize(1);

        String id = a.path("id").asText();
        Http.Download d = http().download("/api/probe/parcels/" + parcel + "/attachments/" + id + "?purpose=" + "核对");
        assertThat(d.status()).isEqualTo(200);
        assertThat(sha256(d.body())).isEqualTo(sha256(pdf));
        assertThat(d.header("X-Content-SHA256")).isEqualTo(sha256(pdf));
        assertThat(d.header("Content-Type")).isEqualTo(ContentTypes.PDF);
        assertThat(d.header("Content-Disposition")).startsWith("attachment;");

        JsonNode audit = Http.local(port).as(TestTokens.of("AUDITOR", "420981"))
                .get("/api/probe/attachment-downloads?attachmentId=" + id).json();
        assertThat(audit.path("total").asLong()).isEqualTo(1);
        assertThat(audit.path("items").get(0).path("kind").asText()).isEqualTo("FEE_RECEIPT");
        assertThat(audit.path("items").get(0).path("sha256").asText()).isEqualTo(sha256(pdf));
        assertThat(audit.path("items").get(0).path("readBy").asText()).isNotBlank();
        // an auditor of another county reads none of 应城市's; a county officer cannot read the audit at all
        assertThat(Http.local(port).as(TestTokens.of("AUDITOR", "420982"))
                .get("/api/probe/attachment-downloads?attachmentId=" + id).json().path("total").asLong()).isZero();
        assertThat(http().get("/api/probe/attachment-downloads").status()).isEqualTo(403);
    }

    @Test
    void officeFilesAndImagesAreKnownByTheirBytes() throws Exception {
        String parcel = "p-" + UUID.randomUUID();
        byte[] xlsx = zip("[Content_Types].xml", "xl/workbook.xml");
        byte[] docx = zip("[Content_Types].xml", "word/document.xml");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};
        assertThat(upload(parcel, "roster.pdf", xlsx).json().path("contentType").asText()).isEqualTo(ContentTypes.XLSX);
        assertThat(upload(parcel, "contract", docx).json().path("contentType").asText()).isEqualTo(ContentTypes.DOCX);
        assertThat(upload(parcel, "id.png", png).json().path("contentType").asText()).isEqualTo(ContentTypes.PNG);
        assertThat(upload(parcel, "id.jpg", jpeg).json().path("contentType").asText()).isEqualTo(ContentTypes.JPEG);
        // a plain zip is no Office file
        assertThat(upload(parcel, "x.xlsx", zip("a.txt")).status()).isEqualTo(415);
    }

    @Test
    void aDisallowedTypeIs415WhateverItsNameSays() {
        String parcel = "p-" + UUID.randomUUID();
        Http.Response exe = upload(parcel, "收据.pdf", "MZ\u0090\u0000 this is a program".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(exe.status()).as(exe.toString()).isEqualTo(415);
        assertThat(exe.json().path("type").asText()).isEqualTo("urn:sunshine:problem:attachment-type-refused");
        Http.Response html = upload(parcel, "a.pdf", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(html.status()).isEqualTo(415);
        Http.Response zh = Http.local(port).as(officer).header("Accept-Language", "zh-CN").postFile("/api/probe/parcels/"
                + parcel + "/attachments", Map.of("kind", "OTHER"), "a.txt", "plain text".getBytes(StandardCharsets.UTF_8));
        assertThat(zh.json().path("title").asText()).isEqualTo("附件类型不允许");
        assertThat(http().get("/api/probe/parcels/" + parcel + "/attachments").json()).isEmpty();
    }

    @Test
    void theEicarTestFileIsRefusedAsInfectedAndNothingIsKept() {
        String parcel = "p-" + UUID.randomUUID();
        long files = mongo.getCollection("attachments.files").countDocuments();
        long chunks = mongo.getCollection("attachments.chunks").countDocuments();
        byte[] infected = ("%PDF-1.4\n% " + EicarScanner.EICAR + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        Http.Response r = upload(parcel, "receipt.pdf", infected);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().path("type").asText()).isEqualTo("urn:sunshine:problem:attachment-infected");
        assertThat(http().get("/api/probe/parcels/" + parcel + "/attachments").json()).isEmpty();
        assertThat(mongo.getCollection("attachments.files").countDocuments()).isEqualTo(files);
        assertThat(mongo.getCollection("attachments.chunks").countDocuments()).isEqualTo(chunks);
    }

    @Test
    void a30MbAttachmentIs413AndNeverA500() throws Exception {
        String parcel = "p-" + UUID.randomUUID();
        // 30 MB declared: answered before a byte of the body is read (a client that asks Expect: 100-continue, as curl
        // and proxies do for large bodies, never sends it); here the client sends only the head and reads the answer.
        String boundary = "b30";
        String answer;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("POST /api/probe/parcels/" + parcel + "/attachments HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + officer + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                    + "Content-Length: " + (30L * 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            answer = readAnswer(socket.getInputStream());
        }
        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).contains("urn:sunshine:problem:attachment-too-large").contains("20 MB");

        // just over the file limit, within the request's: counted while read, the same problem
        Http.Response over = upload(parcel, "over.pdf", bigPdf(20 * 1024 * 1024 + 10));
        assertThat(over.status()).as(over.toString()).isEqualTo(413);
        assertThat(over.json().path("type").asText()).isEqualTo("urn:sunshine:problem:attachment-too-large");
        assertThat(http().get("/api/probe/parcels/" + parcel + "/attachments").json()).isEmpty();
    }

    @Test
    void aMalformedMultipartIs400() {
        String path = "/api/probe/parcels/p-" + UUID.randomUUID() + "/attachments";
        Http.Response noBoundary = http().postRaw(path, "garbage", "multipart/form-data");
        assertThat(noBoundary.status()).as(noBoundary.toString()).isEqualTo(400);
        Http.Response cut = http().postRaw(path, "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-",
                "multipart/form-data; boundary=b");
        assertThat(cut.status()).as(cut.toString()).isEqualTo(400);
        Http.Response json = http().postRaw(path, "{}", "application/json");
        assertThat(json.status()).as(json.toString()).isEqualTo(400);
        Http.Response noFile = http().postFile(path, Map.of("kind", "OTHER"), "empty.pdf", new byte[0]);
        assertThat(noFile.status()).as(noFile.toString()).isEqualTo(400);
        Http.Response badKind = http().postFile(path, Map.of("kind", "../x"), "a.pdf", Multipart.pdf("x"));
        assertThat(badKind.status()).as(badKind.toString()).isEqualTo(400);
    }

    private Http.Response upload(String parcel, String name, byte[] content) {
        return http().postFile("/api/probe/parcels/" + parcel + "/attachments", Map.of("kind", "OTHER"), name, content);
    }

    /** An HTTP answer's head and its body of Content-Length bytes (the connection may stay open meanwhile). */
    static String readAnswer(java.io.InputStream in) throws java.io.IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            String text = got.toString(StandardCharsets.UTF_8);
            int head = text.indexOf("\r\n\r\n");
            if (head >= 0) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
                if (m.find() && got.size() - head - 4 >= Integer.parseInt(m.group(1))) {
                    return text;
                }
            }
            int n = in.read(buffer);
            if (n < 0) {
                return got.toString(StandardCharsets.UTF_8);
            }
            got.write(buffer, 0, n);
        }
    }

    static byte[] bigPdf(int size) {
        byte[] b = new byte[size];
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, head.length);
        for (int i = head.length; i < size; i++) {
            b[i] = (byte) ('a' + (i * 31 % 26));
        }
        return b;
    }

    static byte[] zip(String... names) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String n : names) {
                z.putNextEntry(new ZipEntry(n));
                z.write("<x/>".getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
