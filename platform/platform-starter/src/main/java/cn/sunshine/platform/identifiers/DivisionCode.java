package cn.sunshine.platform.identifiers;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A 6-digit administrative division code (GB/T 2260): province {@code 420000}, city {@code 420900},
 * county {@code 420981}. Jurisdictions nest by prefix.
 */
public record DivisionCode(String value) {

    private static final Pattern SIX_DIGITS = Pattern.compile("[1-9]\\d{5}");

    public enum Level { PROVINCE, CITY, COUNTY }

    public DivisionCode {
        Objects.requireNonNull(value, "division code");
        if (!isValid(value)) {
            throw new IllegalArgumentException("a division code has 6 digits, e.g. 420981");
        }
    }

    public static boolean isValid(String value) {
        return value != null && SIX_DIGITS.matcher(value).matches();
    }

    public static DivisionCode of(String value) {
        return new DivisionCode(value);
    }

    public Level level() {
        if (value.endsWith("0000")) {
            return Level.PROVINCE;
        }
        return value.endsWith("00") ? Level.CITY : Level.COUNTY;
    }

    /** The prefix every division inside this one starts with: 2 digits for a province, 4 for a city, 6 for a county. */
    public String prefix() {
        return switch (level()) {
            case PROVINCE -> value.substring(0, 2);
            case CITY -> value.substring(0, 4);
            case COUNTY -> value;
        };
    }

    /** True when {@code other} is this division or lies below it. */
    public boolean covers(String other) {
        return other != null && other.startsWith(prefix());
    }

    public String provinceCode() {
        return value.substring(0, 2) + "0000";
    }

    public String cityCode() {
        return value.substring(0, 4) + "00";
    }

    @Override
    public String toString() {
        return value;
    }
}
