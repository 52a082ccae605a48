package cn.sunshine.platform.events.accreditation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code accreditation.complaint.received.v1}: a complaint or report (监督举报) was received — from the public web
 * form (confirmed by the code sent to its phone, or anonymous) or from the county's hotline. It never carries the
 * complainant's name or phone, nor the statement.
 *
 * @param complaintId   our id of the complaint
 * @param divisionCode  the county that handles it
 * @param channel       {@code WEB} or {@code HOTLINE}
 * @param anonymous     true when the complainant left no contact
 * @param subjectType   {@code BASE}, {@code CLASS}, {@code OFFICER_CONDUCT} or {@code OTHER}
 * @param baseId        the base complained about (null unless the subject names one)
 * @param receivedAt    when it was received
 * @param answerDue     the last day it must be answered by (Asia/Shanghai, working days counted)
 */
public record ComplaintReceived(String complaintId, String divisionCode, String channel, boolean anonymous,
                                String subjectType, String baseId, Instant receivedAt, LocalDate answerDue) {
}
