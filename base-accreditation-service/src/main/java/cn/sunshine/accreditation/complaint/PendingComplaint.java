package cn.sunshine.accreditation.complaint;

import cn.sunshine.accreditation.support.CodeConfirmations;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A web complaint with a phone, not yet confirmed by the code sent to it. It is no complaint yet; it expires after
 * {@code codeTtl} (a TTL index removes it). Once confirmed it keeps only the complaint's id (the contact and the
 * statement are then in the complaint) so a repeated confirmation answers the same.
 */
@Document("complaint_confirmations")
public record PendingComplaint(@Id String id, @Indexed String phoneKey, String callerKey,
                               ComplaintDtos.ComplaintRequest request, String codeHash, int attempts, Instant createdAt,
                               @Indexed(expireAfter = "0s") Instant expiresAt, Status status, String complaintId)
        implements CodeConfirmations.Held {

    public enum Status { PENDING, CONFIRMED, VOID }
}
