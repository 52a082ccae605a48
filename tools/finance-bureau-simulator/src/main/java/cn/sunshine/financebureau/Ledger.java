package cn.sunshine.financebureau;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The bureau's book of payments, keyed by the sender's instruction id: each is paid at most once. */
@Component
public class Ledger {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** A payment the bureau made. */
    public record Payment(String instructionId, String bureauReference, String payeeType, String payeeId,
                          String payeeName, long amountFen, String purpose, String status, Instant paidAt,
                          int timesReceived) {
    }

    /** The outcome of a submission: the payment and whether this submission created it. */
    public record Outcome(Payment payment, boolean created, boolean conflict) {
    }

    private final Map<String, Payment> byInstruction = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Clock clock;

    public Ledger(Clock clock) {
        this.clock = clock;
    }

    /**
     * Pays an instruction, or answers the earlier payment when the same id comes again. The same id
     * with a different amount or payee is a conflict: nothing is paid.
     */
    public Outcome submit(String instructionId, String payeeType, String payeeId, String payeeName, long amountFen,
                          String purpose) {
        boolean[] created = {false};
        Payment p = byInstruction.compute(instructionId, (id, existing) -> {
            if (existing != null) {
                return new Payment(existing.instructionId(), existing.bureauReference(), existing.payeeType(),
                        existing.payeeId(), existing.payeeName(), existing.amountFen(), existing.purpose(),
                        existing.status(), existing.paidAt(), existing.timesReceived() + 1);
            }
            created[0] = true;
            String ref = "CZ" + LocalDate.now(clock.withZone(CHINA)).toString().replace("-", "")
                    + String.format("%06d", sequence.incrementAndGet());
            return new Payment(id, ref, payeeType, payeeId, payeeName, amountFen, purpose, "PAID", clock.instant(), 1);
        });
        boolean conflict = !created[0] && (p.amountFen() != amountFen || !p.payeeId().equals(payeeId));
        return new Outcome(p, created[0], conflict);
    }

    public Payment find(String instructionId) {
        return byInstruction.get(instructionId);
    }

    /** Every payment made on a calendar day (Asia/Shanghai), in the order made. */
    public List<Payment> statement(LocalDate day) {
        return byInstruction.values().stream()
                .filter(p -> p.paidAt().atZone(CHINA).toLocalDate().equals(day))
                .sorted(Comparator.comparing(Payment::bureauReference))
                .toList();
    }

    public void clear() {
        byInstruction.clear();
    }
}
