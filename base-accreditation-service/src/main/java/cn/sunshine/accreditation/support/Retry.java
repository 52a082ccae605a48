package cn.sunshine.accreditation.support;

import cn.sunshine.platform.domain.DomainException;

import java.util.function.Supplier;

/**
 * Re-runs a read-change-write when the version moved under it (another writer won the
 * conditional write). Only for acts whose caller holds no version of their own (no If-Match): the
 * act is re-decided on fresh state every time, so the aggregate's rules are checked again.
 */
public final class Retry {

    private static final int ATTEMPTS = 50;

    private Retry() {
    }

    public static <T> T onStaleVersion(Supplier<T> act) {
        DomainException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return act.get();
            } catch (DomainException e) {
                if (e.status() != 412) {
                    throw e;
                }
                last = e;
                if (attempt > 3) {
                    try {
                        Thread.sleep(Math.min(50, attempt));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
        throw last;
    }
}
