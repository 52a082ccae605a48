package cn.sunshine.placement.placement;

/**
 * The employer of a placement as the base reported it: legal name, unified social credit code
 * (GB 32100, checked), the exact address of the workplace and a working HR phone (the employer's,
 * not personal data).
 */
public record EmployerTerms(String name, String creditCode, String address, String hrPhone) {
}
