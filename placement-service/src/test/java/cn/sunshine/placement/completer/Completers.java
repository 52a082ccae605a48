package cn.sunshine.placement.completer;

import cn.sunshine.platform.events.enrollment.TraineeCompleted;

import java.time.Instant;

/** Completers for plain unit tests, made as the service makes them: from enrollment's completion event. */
public final class Completers {

    private Completers() {
    }

    public static Completer of(String enrollmentId, String baseId, String division, Instant completedAt) {
        return Completer.from(new TraineeCompleted(enrollmentId, "class-1", baseId, division, "0101", 2026, "张三",
                "420981**********12", "CERT-1", null, null, completedAt, "officer"));
    }
}
