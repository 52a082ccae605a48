package cn.sunshine.subsidy.payment;

/** In-process notice that an instruction of a claim was paid (the claim may now be paid in full). */
public record InstructionPaid(String claimId, String instructionId) {
}
