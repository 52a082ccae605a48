package cn.sunshine.platform.progress;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.identifiers.DivisionCode;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The question every service's {@code GET /api/<area>/progress} answers (docs/reports.md): a
 * division and an inclusive period of Asia/Shanghai days. {@link #check} applies the contract's
 * rules once for all services: the roles that read reports, the period's order and length, and the
 * caller's jurisdiction (a division outside it is "not found").
 *
 * @param division the division asked about; figures cover it and everything below it
 * @param start    the first instant of {@code from} in Asia/Shanghai
 * @param end      the first instant after {@code to} (exclusive)
 */
public record ProgressPeriod(DivisionCode division, LocalDate from, LocalDate to, Instant start, Instant end) {

    public static final ZoneId ZONE = cn.sunshine.platform.time.ProgramCalendar.ZONE;
    /** Reports are monthly, quarterly or annual: a longer period is refused. */
    public static final int MAX_DAYS = 366;
    /** Who reads progress figures. */
    public static final Role[] READERS = Jurisdiction.OFFICIALS;

    public static ProgressPeriod check(String division, LocalDate from, LocalDate to) {
        CurrentUser user = Jurisdiction.requireRole(READERS);
        if (to.isBefore(from)) {
            throw DomainException.invalidField("to", Phrase.coded("problem.period-order",
                    "must not be before from (" + from + ")", from));
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw DomainException.invalidField("to", Phrase.coded("problem.period-length",
                    "a period spans at most " + MAX_DAYS + " days", MAX_DAYS));
        }
        if (!user.covers(division)) {
            throw DomainException.notFound("division " + division);
        }
        return new ProgressPeriod(DivisionCode.of(division), from, to, from.atStartOfDay(ZONE).toInstant(),
                to.plusDays(1).atStartOfDay(ZONE).toInstant());
    }

    /** The regular expression that selects this division and everything below it. */
    public String divisionPattern() {
        return "^" + division.prefix();
    }
}
