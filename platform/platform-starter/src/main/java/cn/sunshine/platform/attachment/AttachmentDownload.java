package cn.sunshine.platform.attachment;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One download of an attachment, recorded before a byte is sent: who read which document of whom, when, and why
 * (optional {@code purpose}). Append-only: written once, never changed or removed by the service; auditors read it.
 */
@Document("attachment_downloads")
@CompoundIndexes({
        @CompoundIndex(name = "by_attachment", def = "{'attachmentId': 1, 'at': -1}"),
        @CompoundIndex(name = "by_owner", def = "{'ownerId': 1, 'at': -1}"),
        @CompoundIndex(name = "by_division", def = "{'divisionCode': 1, 'at': -1}")
})
public record AttachmentDownload(@Id String id, String attachmentId, String ownerType, String ownerId,
                                 String divisionCode, String kind, String fileName, String sha256, String readBy,
                                 String readByName, String purpose, Instant at) {
}
