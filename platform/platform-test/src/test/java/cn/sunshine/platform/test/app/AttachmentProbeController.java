package cn.sunshine.platform.test.app;

import cn.sunshine.platform.attachment.Attachment;
import cn.sunshine.platform.attachment.AttachmentWeb;
import cn.sunshine.platform.attachment.Attachments;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
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

/** A parcel's documents, as an owner's service would offer them (the platform's attachment store). */
@RestController
public class AttachmentProbeController {

    private final Attachments attachments;

    public AttachmentProbeController(Attachments attachments) {
        this.attachments = attachments;
    }

    @PostMapping("/api/probe/parcels/{parcelId}/attachments")
    @Allowed(Role.COUNTY_OFFICER)
    public ResponseEntity<Attachment> upload(@PathVariable String parcelId, @RequestParam String kind,
                                             @RequestPart("file") MultipartFile file) {
        return AttachmentWeb.created(AttachmentWeb.upload(file, (name, in) -> attachments.store(
                new Attachment.Owner("parcel", parcelId, "420981"), kind, name, in, Jurisdiction.currentUser())));
    }

    @GetMapping("/api/probe/parcels/{parcelId}/attachments")
    @Allowed(Role.COUNTY_OFFICER)
    public List<Attachment> list(@PathVariable String parcelId) {
        return attachments.of("parcel", parcelId);
    }

    @GetMapping("/api/probe/parcels/{parcelId}/attachments/{id}")
    @Allowed(Role.COUNTY_OFFICER)
    public ResponseEntity<InputStreamResource> download(@PathVariable String parcelId, @PathVariable String id,
                                                        @RequestParam(required = false) String purpose) {
        Jurisdiction.requireCovers("420981", "parcel " + parcelId);
        return AttachmentWeb.download(attachments.open("parcel", parcelId, id, Jurisdiction.currentUser(), purpose));
    }
}
