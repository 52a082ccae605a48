package cn.sunshine.gateway.reports;

import java.util.regex.Pattern;

/**
 * Division codes (GB/T 2260, 6 digits) and the nesting of jurisdictions by prefix: a province
 * ({@code 420000}) covers its first 2 digits, a city ({@code 420900}) its first 4, a county
 * ({@code 420981}) itself — the same rule as the services' {@code DivisionCode}.
 */
final class Jurisdictions {

    private static final Pattern SIX_DIGITS = Pattern.compile("[1-9]\\d{5}");

    private Jurisdictions() {
    }

    static boolean isDivision(String code) {
        return code != null && SIX_DIGITS.matcher(code).matches();
    }

    static String prefix(String division) {
        if (division.endsWith("0000")) {
            return division.substring(0, 2);
        }
        return division.endsWith("00") ? division.substring(0, 4) : division;
    }

    /** True when {@code division} is the caller's own or lies below it. */
    static boolean covers(String callers, String division) {
        return isDivision(callers) && isDivision(division) && division.startsWith(prefix(callers));
    }
}
