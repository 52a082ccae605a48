package cn.sunshine.enrollment.audit;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * One answer that carried trainees' personal data whole (ID number, phone, address, birth date): who
 * read it (subject and roles), what (the operation, the class, the enrollments), why (the caller's
 * {@code purpose}, or the operation's own when the caller gave none) and when. Insert-only, written
 * before the answer: no record, no disclosure. Listed by {@code GET /api/enrollment/audit-records}.
 *
 * @param operation     {@code enrollment.read}, {@code enrollment.list}, {@code ledger.export}, or the
 *                      step whose answer carried the record ({@code enrollment.roster-check}, …)
 * @param divisionCode  the county of the records (the class's)
 * @param enrollmentIds the records disclosed whole
 */
@Document("personal_data_reads")
public record PersonalDataRead(@Id String id, String operation, @Indexed String divisionCode, String classId,
                               @Indexed List<String> enrollmentIds, int records, @Indexed String readBy,
                               List<String> roles, String purpose, @Indexed Instant at) {
}
