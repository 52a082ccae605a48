package cn.sunshine.accreditation.inspection;

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

/** An inspection visit's documents: the county's officers attach them; the visit's readers list and download them. */
@RestController
@Tag(name = "Inspections")
public class InspectionDocumentsController {

    private final InspectionDocuments documents;

    public InspectionDocumentsController(InspectionDocuments documents) {
        this.documents = documents;
    }

    @PostMapping("/api/accreditation/inspection-visits/{visitId}/documents")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Attach a document to an inspection visit (multipart: kind PHOTO, SIGNED_CHECKLIST, FILE_COPY or OTHER; file)")
    public ResponseEntity<Attachment> upload(@PathVariable String visitId, @RequestParam String kind,
                                             @RequestPart("file") MultipartFile file) {
        return AttachmentWeb.created(AttachmentWeb.upload(file, (name, in) -> documents.upload(visitId, kind, name, in)));
    }

    @GetMapping("/api/accreditation/inspection-visits/{visitId}/documents")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "An inspection visit's documents")
    public List<Attachment> list(@PathVariable String visitId) {
        return documents.of(visitId);
    }

    @GetMapping("/api/accreditation/inspection-visits/{visitId}/documents/{attachmentId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Download an inspection visit's document; every download is recorded for the auditors")
    public ResponseEntity<InputStreamResource> download(@PathVariable String visitId, @PathVariable String attachmentId,
                                                        @RequestParam(required = false) String purpose) {
        return AttachmentWeb.download(documents.open(visitId, attachmentId, purpose));
    }
}
