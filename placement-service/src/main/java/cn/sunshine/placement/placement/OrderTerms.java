package cn.sunshine.placement.placement;

/**
 * What a placement reported under an employer's order must agree with — the order is the base's own, from the same
 * employer, and asks for the trainee's major. The order feature answers (it depends on placements, never the reverse).
 */
public interface OrderTerms {

    /**
     * @throws cn.sunshine.platform.domain.DomainException a field problem naming {@code orderId} or
     *         {@code employer.creditCode} when the placement does not fit the order
     */
    void checkPlacement(String orderId, String baseId, String employerCreditCode, String majorCode);
}
