package cn.sunshine.subsidy.claim;

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
import java.util.Map;

/** A claim's documents (收据, 身份证复印件, 劳动合同, 用工单位签字名单): upload, list, download (recorded). */
@RestController
@Tag(name = "Claims", description = "A base's claim and its approval chain: 核准 → 审批 → 复核")
public class ClaimAttachmentController {

    private final ClaimAttachments documents;
    private final Claims claims;

    public ClaimAttachmentController(ClaimAttachments documents, Claims claims) {
        this.documents = documents;
        this.claims = claims;
    }

    @GetMapping("/api/subsidy/claim-rules")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "The kinds of document a claim of each part must carry, and the kinds a base may attach")
    public Map<String, Object> rules() {
        ClaimAttachmentRules r = documents.rules();
        return Map.of("required", Map.of("COMPLETION", r.requiredFor(ClaimPart.COMPLETION),
                "PLACEMENT", r.requiredFor(ClaimPart.PLACEMENT)), "kinds", r.kinds());
    }

    @PostMapping("/api/subsidy/classes/{classId}/claim-attachments")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Upload a document for the claim the base is preparing for its class (multipart: kind, file; "
            + "PDF, JPEG, PNG, XLSX or DOCX by content, up to 20 MB); name its id in the claim's attachmentIds")
    public ResponseEntity<Attachment> uploadForClass(@PathVariable String classId, @RequestParam String kind,
                                                     @RequestPart("file") MultipartFile file) {
        return AttachmentWeb.created(AttachmentWeb.upload(file, (name, in) -> documents.uploadForClass(classId, kind,
                name, in)));
    }

    @GetMapping("/api/subsidy/classes/{classId}/claim-attachments")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "The documents uploaded for a class of the base and not yet in a claim")
    public List<Attachment> ofClass(@PathVariable String classId) {
        return documents.ofClass(classId);
    }

    @PostMapping("/api/subsidy/claims/{claimId}/attachments")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Add a document to the base's claim while it waits for 核准 (multipart: kind, file)")
    public ResponseEntity<Attachment> uploadForClaim(@PathVariable String claimId, @RequestParam String kind,
                                                     @RequestPart("file") MultipartFile file) {
        Claim c = claims.get(claimId);
        return AttachmentWeb.created(AttachmentWeb.upload(file, (name, in) -> documents.uploadForClaim(c, kind, name, in)));
    }

    @GetMapping("/api/subsidy/claims/{claimId}/attachments")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A claim's documents: kind, file name, type, size, SHA-256, who uploaded them and when")
    public List<Attachment> ofClaim(@PathVariable String claimId) {
        return documents.ofClaim(claims.get(claimId));
    }

    @GetMapping("/api/subsidy/claims/{claimId}/attachments/{attachmentId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Download a claim's document; every download is recorded (who, when, purpose) for the auditors")
    public ResponseEntity<InputStreamResource> download(@PathVariable String claimId, @PathVariable String attachmentId,
                                                        @RequestParam(required = false) String purpose) {
        return AttachmentWeb.download(documents.open(claims.get(claimId), attachmentId, purpose));
    }
}
