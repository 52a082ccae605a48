package cn.sunshine.platform.attachment;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What an owner's controller needs to speak attachments over HTTP: a multipart upload handed to {@link Attachments}
 * (streamed from the part's temporary file, never read whole into memory) and a download answered as a stream with its
 * name, type, length and digest ({@code Repr-Digest: sha-256=:…:}, RFC 9530, and {@code X-Content-SHA256} in hex).
 */
public final class AttachmentWeb {

    public static final String SHA256_HEADER = "X-Content-SHA256";

    private AttachmentWeb() {
    }

    /** How an owner's use case stores an uploaded file: its name as the client gave it, and its content. */
    @FunctionalInterface
    public interface Store {
        Attachment store(String fileName, InputStream content);
    }

    /**
     * Hands the uploaded part to the owner's use case (which checks its scope and calls {@link Attachments#store}):
     * 400 for a missing or empty part or one that cannot be read.
     */
    public static Attachment upload(MultipartFile file, Store store) {
        if (file == null || file.isEmpty()) {
            throw cn.sunshine.platform.domain.DomainException.invalidField("file",
                    cn.sunshine.platform.domain.Phrase.coded("problem.attachment-file-part",
                            "a non-empty file part named 'file'"));
        }
        try (InputStream in = file.getInputStream()) {
            return store.store(file.getOriginalFilename(), in);
        } catch (IOException e) {
            throw new cn.sunshine.platform.domain.DomainException(400, "malformed-request", "Malformed request",
                    "the uploaded file could not be read");
        }
    }

    /** The upload's answer: 201 with the stored attachment. */
    public static ResponseEntity<Attachment> created(Attachment a) {
        return ResponseEntity.status(201).body(a);
    }

    /** The download as the answer: streamed, {@code Content-Disposition: attachment} with the uploader's file name. */
    public static ResponseEntity<InputStreamResource> download(Attachments.Download d) {
        Attachment a = d.attachment();
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.parseMediaType(a.contentType()));
        h.setContentLength(a.sizeBytes());
        h.setContentDisposition(ContentDisposition.attachment().filename(a.fileName(), StandardCharsets.UTF_8).build());
        h.setCacheControl("no-store");
        h.set("X-Content-Type-Options", "nosniff");
        if (a.sha256() != null) {
            h.set(SHA256_HEADER, a.sha256());
            h.set("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(a.sha256())) + ":");
        }
        return ResponseEntity.ok().headers(h).body(new InputStreamResource(d.content()));
    }
}
