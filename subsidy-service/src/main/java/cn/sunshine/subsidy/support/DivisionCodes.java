package cn.sunshine.subsidy.support;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.identifiers.DivisionCode;

/** The division code a request names (a standard's, a fund's, a split's division): checked before anything is read. */
public final class DivisionCodes {

    private DivisionCodes() {
    }

    /** The code, or 400 {@code validation} on {@code divisionCode} when it is not a division code. */
    public static String requireValid(String divisionCode) {
        if (!DivisionCode.isValid(divisionCode)) {
            throw DomainException.invalidField("divisionCode", Phrase.coded("subsidy.division-code",
                    "not a division code"));
        }
        return divisionCode;
    }
}
