package cn.sunshine.platform.identifiers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masking of personal data wherever it is shown publicly, logged or put in an event. */
public final class PersonalData {

    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])(\\d{6})\\d{8}(\\d{3}[0-9Xx])(?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9A-Za-z])(1[3-9]\\d)\\d{4}(\\d{4})(?![0-9A-Za-z])");

    private PersonalData() {
    }

    /** {@code 420981199001011234} → {@code 420981********1234}. */
    public static String maskIdNumber(String id) {
        if (id == null || id.length() != 18) {
            return id == null ? null : "*".repeat(id.length());
        }
        return id.substring(0, 6) + "********" + id.substring(14);
    }

    /** {@code 13812345678} → {@code 138****5678}. */
    public static String maskPhone(String phone) {
        if (phone == null || phone.length() < 7) {
            return phone == null ? null : "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }

    /** Masks every resident ID number and mobile number found in free text (a last line of defence for logs). */
    public static String maskAll(String text) {
        if (text == null || text.length() < 11) {
            return text;
        }
        Matcher m = ID_NUMBER.matcher(text);
        String out = m.find() ? m.replaceAll("$1********$2") : text;
        Matcher p = MOBILE.matcher(out);
        return p.find() ? p.replaceAll("$1****$2") : out;
    }
}
