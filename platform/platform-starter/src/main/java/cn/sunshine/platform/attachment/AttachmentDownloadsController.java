package cn.sunshine.platform.attachment;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit of attachment downloads, at {@code sunshine.attachments.downloads-path} (e.g.
 * {@code /api/subsidy/attachment-downloads}): who downloaded which document, when and why, in the caller's
 * jurisdiction, newest first. Registered when the service names the path.
 */
@RestController
@Tag(name = "Attachments", description = "Documents attached to records, and the audit of their downloads")
public class AttachmentDownloadsController {

    private final Attachments attachments;

    public AttachmentDownloadsController(Attachments attachments) {
        this.attachments = attachments;
    }

    @GetMapping("${sunshine.attachments.downloads-path}")
    @Allowed({Role.AUDITOR, Role.PROVINCE_OFFICER})
    @Operation(summary = "Who downloaded which attachment, when and why (auditors; scoped to the jurisdiction)")
    public PageResult<AttachmentDownload> downloads(@RequestParam(required = false) String attachmentId,
                                                    @RequestParam(required = false) String ownerId,
                                                    @RequestParam(required = false) String readBy,
                                                    @RequestParam(required = false) Integer page,
                                                    @RequestParam(required = false) Integer size) {
        return attachments.downloads(attachmentId, ownerId, readBy, page, size);
    }
}
