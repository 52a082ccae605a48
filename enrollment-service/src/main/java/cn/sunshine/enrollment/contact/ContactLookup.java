package cn.sunshine.enrollment.contact;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * One disclosure of a trainee's contact: who asked, with which roles, for what purpose and why, and
 * when. Insert-only: the service never updates or deletes these. When a service asked,
 * {@code requestedBy} and {@code client} are its client id, {@code roles} is empty and
 * {@code scopes} are those its token carried; for a person {@code client} and {@code scopes} are null.
 */
@Document("contact_lookups")
public record ContactLookup(@Id String id, @Indexed String enrollmentId, @Indexed String divisionCode, String baseId,
                            String requestedBy, List<String> roles, String client, List<String> scopes,
                            String purpose, String reason, @Indexed Instant at) {
}
