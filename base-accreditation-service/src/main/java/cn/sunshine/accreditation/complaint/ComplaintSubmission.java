package cn.sunshine.accreditation.complaint;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One web complaint sent from a client address (anonymous, or awaiting its code), kept for the per-address limit's
 * window only (a TTL index removes it). It holds nothing of the complaint.
 */
@Document("complaint_submissions")
@CompoundIndex(name = "caller_at", def = "{'callerKey': 1, 'at': 1}")
public record ComplaintSubmission(@Id String id, String callerKey, Instant at,
                                  @Indexed(expireAfter = "0s") Instant expiresAt) {
}
