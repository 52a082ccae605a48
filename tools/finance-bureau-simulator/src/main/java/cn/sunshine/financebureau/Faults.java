package cn.sunshine.financebureau;

import org.springframework.stereotype.Component;

import java.util.concurrent.ThreadLocalRandom;

/** The switches an operator or a test flips: slowness, a share of errors, a whole outage. */
@Component
public class Faults {

    /**
     * What the switches are set to. {@code answerDelayMillis}: a payment is made at once but its answer comes
     * only after this long — a caller with a shorter read timeout never hears that it was paid (optional;
     * 0 when absent).
     */
    public record Settings(long delayMillis, int errorPercent, boolean outage, Long answerDelayMillis) {
        public Settings(long delayMillis, int errorPercent, boolean outage) {
            this(delayMillis, errorPercent, outage, 0L);
        }

        public long answerDelay() {
            return answerDelayMillis == null ? 0 : answerDelayMillis;
        }
    }

    private volatile Settings settings = new Settings(0, 0, false);

    public Settings get() {
        return settings;
    }

    public void set(Settings s) {
        if (s.delayMillis() < 0 || s.delayMillis() > 120_000) {
            throw new IllegalArgumentException("delayMillis must be between 0 and 120000");
        }
        if (s.answerDelay() < 0 || s.answerDelay() > 120_000) {
            throw new IllegalArgumentException("answerDelayMillis must be between 0 and 120000");
        }
        if (s.errorPercent() < 0 || s.errorPercent() > 100) {
            throw new IllegalArgumentException("errorPercent must be between 0 and 100");
        }
        this.settings = s;
    }

    /** After a payment was made: holds its answer back as the switch says. */
    void beforeAnswer() {
        long wait = settings.answerDelay();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Applies the switches to one request: waits, then says whether to fail it. */
    boolean shouldFail() {
        Settings s = settings;
        if (s.delayMillis() > 0) {
            try {
                Thread.sleep(s.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return s.outage() || (s.errorPercent() > 0 && ThreadLocalRandom.current().nextInt(100) < s.errorPercent());
    }
}
