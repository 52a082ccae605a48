package cn.sunshine.subsidy.payment;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/**
 * The finance bureau's payment system (tools/finance-bureau-simulator plays it locally). Timeouts
 * are set per client in application.yml; circuit breaker and retries wrap it in {@link FinanceBureau}.
 */
@FeignClient(name = "finance-bureau", url = "${sunshine.subsidy.finance-bureau-url}",
        configuration = FinanceBureauFeignConfiguration.class)
public interface FinanceBureauClient {

    /** The instruction as the bureau takes it. */
    record BureauInstruction(String instructionId, String payeeType, String payeeId, String payeeName, long amountFen,
                             String purpose) {
    }

    /** The bureau's view of one payment. */
    record BureauPayment(String instructionId, String bureauReference, String status, long amountFen,
                         String payeeType, String payeeId, String paidAt) {
    }

    /** The bureau's payments on one day. */
    record BureauStatement(String date, List<BureauPayment> entries, long totalFen) {
    }

    @PostMapping(value = "/api/v1/payment-instructions", consumes = "application/json")
    BureauPayment submit(@RequestHeader("Idempotency-Key") String idempotencyKey, @RequestBody BureauInstruction body);

    @GetMapping("/api/v1/payment-instructions/{instructionId}")
    BureauPayment status(@PathVariable("instructionId") String instructionId);

    @GetMapping("/api/v1/statements")
    BureauStatement statement(@RequestParam("date") String date);
}
