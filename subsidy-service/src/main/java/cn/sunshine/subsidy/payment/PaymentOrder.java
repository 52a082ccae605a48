package cn.sunshine.subsidy.payment;

import java.util.List;

/**
 * What a re-checked claim orders paid: to the base (以降代补) in one instruction, or to each trainee
 * (先收后补, 直补学员) in one instruction each.
 */
public record PaymentOrder(String claimId, String baseId, String baseName, String divisionCode, int year,
                           String paymentMode, List<Payee> trainees) {

    /** A trainee line of the claim. */
    public record Payee(String enrollmentId, String name, long amountFen) {
    }

    public long totalFen() {
        return trainees.stream().mapToLong(Payee::amountFen).sum();
    }
}
