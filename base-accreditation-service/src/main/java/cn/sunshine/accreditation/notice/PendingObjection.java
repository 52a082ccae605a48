package cn.sunshine.accreditation.notice;

import cn.sunshine.accreditation.support.CodeConfirmations;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * An objection filed but not yet confirmed by its filer's one-time code. It does not count towards
 * anything of the notice; it expires after {@code codeTtl} (a TTL index removes it, and every query
 * reads only the unexpired). Once confirmed it keeps only the objection's id (the contact and the
 * statement are then in the notice) so a repeated confirmation answers the same.
 */
@Document("objection_confirmations")
@CompoundIndex(name = "notice_phone", def = "{'noticeId': 1, 'phoneKey': 1, 'expiresAt': 1}")
@CompoundIndex(name = "notice_caller", def = "{'noticeId': 1, 'callerKey': 1, 'expiresAt': 1}")
public record PendingObjection(@Id String id, String noticeId, String phoneKey, String callerKey, String name,
                               String phone, String email, String applicationId, String statement, String codeHash,
                               int attempts, Instant createdAt, @Indexed(expireAfter = "0s") Instant expiresAt,
                               Status status, String objectionId) implements CodeConfirmations.Held {

    public enum Status { PENDING, CONFIRMED, VOID }
}
