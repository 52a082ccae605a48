package cn.sunshine.platform.events.accreditation;

import java.time.Instant;

/**
 * {@code accreditation.complaint.closed.v1}: an answered complaint was closed (办结).
 *
 * @param complaintId  our id of the complaint
 * @param divisionCode the county that handled it
 * @param closedAt     when it was closed
 * @param closedBy     the officer who closed it (token subject)
 */
public record ComplaintClosed(String complaintId, String divisionCode, Instant closedAt, String closedBy) {
}
