package cn.sunshine.yeardriver;

/**
 * Check characters of the identifiers the actors type in: the resident ID number (GB 11643,
 * ISO 7064 MOD 11-2) and the unified social credit code (GB 32100). The services check them; the
 * driver makes valid ones.
 */
final class Codes {

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";
    private static final String CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private Codes() {
    }

    static String idNumber(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return first17 + ID_CHECK.charAt(sum % 11);
    }

    static String creditCode(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CREDIT_CHARS.indexOf(first17.charAt(i)) * CREDIT_WEIGHTS[i];
        }
        int c = (31 - sum % 31) % 31;
        return first17 + CREDIT_CHARS.charAt(c);
    }
}
