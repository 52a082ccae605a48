package cn.sunshine.accreditation.base;

import java.time.LocalDate;
import java.util.List;

/** One term of a base's accreditation, kept for ever: majors, validity, where it came from, who decided. */
public record Term(List<Major> majors, LocalDate validFrom, LocalDate validUntil, Origin origin, Decision decision,
                   List<String> conditions) {
}
