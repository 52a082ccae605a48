package cn.sunshine.platform.identifiers;

import java.util.Optional;

/** Unified social credit code (统一社会信用代码, GB 32100): 18 characters, the last a check character. */
public final class CreditCode {

    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    /** What is wrong with the code, if anything, in plain words. */
    public static Optional<String> problem(String raw) {
        if (raw == null || raw.length() != 18) {
            return Optional.of("a unified social credit code has 18 characters");
        }
        for (int i = 0; i < 18; i++) {
            if (CHARSET.indexOf(raw.charAt(i)) < 0) {
                return Optional.of("a unified social credit code uses digits and the capitals "
                        + "ABCDEFGHJKLMNPQRTUWXY only (position " + (i + 1) + ")");
            }
        }
        if (checkCharacter(raw.substring(0, 17)) != raw.charAt(17)) {
            return Optional.of("the check character of the unified social credit code is wrong");
        }
        return Optional.empty();
    }

    public static boolean isValid(String raw) {
        return problem(raw).isEmpty();
    }

    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return CHARSET.charAt(c == 31 ? 0 : c);
    }
}
