package cn.sunshine.accreditation.complaint;

import cn.sunshine.platform.attachment.Attachment;
import cn.sunshine.platform.attachment.AttachmentWeb;
import cn.sunshine.platform.security.Allowed;
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

/** A complaint's evidence: the county's officers attach it; the division's officials read it (downloads recorded). */
@RestController
@Tag(name = "Complaints")
public class ComplaintEvidenceController {

    private final ComplaintEvidence evidence;

    public ComplaintEvidenceController(ComplaintEvidence evidence) {
        this.evidence = evidence;
    }

    @PostMapping("/api/accreditation/complaints/{complaintId}/evidence")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Attach evidence to an open complaint (multipart: kind EVIDENCE, FEE_RECEIPT, STATEMENT or OTHER; file)")
    public ResponseEntity<Attachment> upload(@PathVariable String complaintId, @RequestParam String kind,
                                             @RequestPart("file") MultipartFile file) {
        return AttachmentWeb.created(AttachmentWeb.upload(file, (name, in) -> evidence.upload(complaintId, kind, name, in)));
    }

    @GetMapping("/api/accreditation/complaints/{complaintId}/evidence")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "A complaint's evidence")
    public List<Attachment> list(@PathVariable String complaintId) {
        return evidence.of(complaintId);
    }

    @GetMapping("/api/accreditation/complaints/{complaintId}/evidence/{attachmentId}")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "Download a piece of evidence; every download is recorded for the auditors")
    public ResponseEntity<InputStreamResource> download(@PathVariable String complaintId, @PathVariable String attachmentId,
                                                        @RequestParam(required = false) String purpose) {
        return AttachmentWeb.download(evidence.open(complaintId, attachmentId, purpose));
    }
}
