package cn.sunshine.platform.test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** A multipart/form-data body (RFC 7578) of text fields and one file, for tests that upload attachments. */
public record Multipart(String boundary, byte[] body) {

    public static Multipart of(Map<String, String> fields, String fileField, String fileName, byte[] content) {
        String boundary = "----sunshine" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 1024);
        fields.forEach((k, v) -> write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + v + "\r\n"));
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        out.writeBytes(content);
        write(out, "\r\n--" + boundary + "--\r\n");
        return new Multipart(boundary, out.toByteArray());
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** A small valid PDF whose text is {@code text} (distinct texts, distinct hashes). */
    public static byte[] pdf(String text) {
        return ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                + "% " + text + "\ntrailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
