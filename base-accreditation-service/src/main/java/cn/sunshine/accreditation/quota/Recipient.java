package cn.sunshine.accreditation.quota;

import java.util.Objects;

/** Who receives an allocation: a division below the ledger's, or a base for one major. */
public record Recipient(String toDivision, String baseId, String majorCode) {

    public static Recipient division(String code) {
        return new Recipient(code, null, null);
    }

    public static Recipient base(String countyDivision, String baseId, String majorCode) {
        return new Recipient(countyDivision, baseId, majorCode);
    }

    public boolean isBase() {
        return baseId != null;
    }

    boolean matches(String division, String base, String major) {
        return Objects.equals(toDivision, division) && Objects.equals(baseId, base) && Objects.equals(majorCode, major);
    }

    @Override
    public String toString() {
        return isBase() ? "base " + baseId + " for " + majorCode : "division " + toDivision;
    }
}
