package cn.sunshine.platform.events.accreditation;

import java.time.Instant;
import java.util.List;

/**
 * {@code accreditation.complaint.answered.v1}: the handling officer answered a complaint, finding it substantiated
 * (属实) or not, with findings. A substantiated complaint about a base becomes a finding of that base's year in
 * the annual review (base-accreditation-service's {@code BasePerformance}).
 *
 * @param complaintId    our id of the complaint
 * @param divisionCode   the county that handled it
 * @param subjectType    {@code BASE}, {@code CLASS}, {@code OFFICER_CONDUCT} or {@code OTHER}
 * @param baseId         the base complained about (null unless the subject names one)
 * @param year           the programme year of its receipt (Asia/Shanghai)
 * @param substantiated  true when the investigation found it true
 * @param findings       what the investigation found (empty when it found nothing)
 * @param onTime         answered on or before its due day
 * @param answeredAt     when it was answered
 * @param answeredBy     the handling officer (token subject)
 */
public record ComplaintAnswered(String complaintId, String divisionCode, String subjectType, String baseId, int year,
                                boolean substantiated, List<String> findings, boolean onTime, Instant answeredAt,
                                String answeredBy) {
}
