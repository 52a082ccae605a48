package cn.sunshine.accreditation.application;

import cn.sunshine.platform.attachment.Attachment;
import cn.sunshine.platform.attachment.AttachmentWeb;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.util.List;

/** The files of an application's declared documents: the applicant uploads them; its readers download them (recorded). */
@RestController
@Tag(name = "Applications")
public class ApplicationAttachmentController {

    private final ApplicationAttachments files;

    public ApplicationAttachmentController(ApplicationAttachments files) {
        this.files = files;
    }

    @PostMapping("/api/accreditation/applications/{applicationId}/attachments")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Upload the file of a declared document (multipart: kind = the document's type, file); its "
            + "SHA-256 must be the one declared (422 attachment-hash-mismatch)")
    public ResponseEntity<Attachment> upload(@PathVariable String applicationId, @RequestParam String kind,
                                             @RequestPart("file") MultipartFile file) {
        return AttachmentWeb.created(AttachmentWeb.upload(file, (name, in) -> files.upload(applicationId, kind, name, in)));
    }

    @GetMapping("/api/accreditation/applications/{applicationId}/attachments")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF, value = {Role.EXPERT_REVIEWER})
    @Operation(summary = "The uploaded files of an application's documents")
    public List<Attachment> list(@PathVariable String applicationId) {
        return files.of(applicationId);
    }

    @GetMapping("/api/accreditation/applications/{applicationId}/attachments/{attachmentId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF, value = {Role.EXPERT_REVIEWER})
    @Operation(summary = "Download a document's file; every download is recorded for the auditors")
    public ResponseEntity<InputStreamResource> download(@PathVariable String applicationId, @PathVariable String attachmentId,
                                                        @RequestParam(required = false) String purpose) {
        return AttachmentWeb.download(files.open(applicationId, attachmentId, purpose));
    }
}
