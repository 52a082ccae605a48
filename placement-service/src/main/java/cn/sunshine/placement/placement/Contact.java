package cn.sunshine.placement.placement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What one follow-up contact found. {@code stillEmployed}, {@code monthlyWageFen} and
 * {@code satisfaction} (1–5) are null when the trainee was not reached.
 */
public record Contact(LocalDate contactedOn, boolean reached, Boolean stillEmployed, Long monthlyWageFen,
                      Integer satisfaction, List<Problem> problems, long unpaidWagesFen, String note,
                      String escalationCaseId, Instant recordedAt, String recordedBy) {
}
