package cn.sunshine.enrollment.base;

import cn.sunshine.platform.events.accreditation.AccreditedMajor;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Responses of the base feature. */
public final class BaseDtos {

    private BaseDtos() {
    }

    /** The base as enrollment knows it: the latest term's majors and validity, and every term it holds. */
    public record AccreditedBaseView(String baseId, String name, String divisionCode, List<AccreditedMajor> majors,
                                     LocalDate validFrom, LocalDate validUntil, List<AccreditedBase.AccreditedTerm> terms,
                                     AccreditedBase.Standing standing, Instant revokedAt, String revocationReason) {
        static AccreditedBaseView of(AccreditedBase b) {
            return new AccreditedBaseView(b.getId(), b.getName(), b.getDivisionCode(), b.getMajors(), b.getValidFrom(),
                    b.getValidUntil(), b.terms(), b.getStanding(), b.getRevokedAt(), b.getRevocationReason());
        }
    }
}
