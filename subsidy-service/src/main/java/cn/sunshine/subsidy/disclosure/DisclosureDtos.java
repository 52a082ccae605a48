package cn.sunshine.subsidy.disclosure;

/** What the public notice answers. */
public final class DisclosureDtos {

    private DisclosureDtos() {
    }

    public record Recipient(String baseId, String baseName, String classId, String traineeName, String maskedIdNumber,
                            long amountFen, String paidOn, String paymentMode, String part, long recoveredFen,
                            long recoveryDueFen, long netFen) {
    }
}
