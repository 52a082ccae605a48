package cn.sunshine.accreditation.reaccreditation;

import cn.sunshine.platform.events.EventType;

import java.time.Instant;
import java.util.List;

/**
 * Contracts this service proposes, as a consumer, for the performance facts it needs from
 * enrollment-service and placement-service. Those services do not publish them yet
 * (docs/events.md, "Proposed"). Each record holds only the fields read here, and is read
 * tolerantly: a producer may carry more. When a producer adopts one, the record moves to
 * platform-events and {@code EventTypes}; the type strings stay.
 */
public final class PerformanceContracts {

    private PerformanceContracts() {
    }

    /** {@code enrollment.trainee.enrolled.v1}: a trainee was enrolled at a base. */
    public record TraineeEnrolled(String enrollmentId, String baseId, String divisionCode, String majorCode,
                                  Instant enrolledAt) {
    }

    /** {@code enrollment.trainee.completed.v1}: a trainee completed (结业) at a base. */
    public record TraineeCompleted(String enrollmentId, String baseId, String divisionCode, String majorCode,
                                   Instant completedAt) {
    }

    /** {@code placement.trainee.placed.v1}: a completer was placed in a job (转移就业). */
    public record TraineePlaced(String placementId, String enrollmentId, String baseId, String divisionCode,
                                Instant placedAt) {
    }

    /** {@code placement.spot-check.concluded.v1}: a round of phone spot checks of a base's placed trainees ended. */
    public record SpotCheckConcluded(String spotCheckId, String baseId, String divisionCode, int year, int called,
                                     int confirmed, List<String> findings, Instant concludedAt) {
    }

    public static final EventType<TraineeEnrolled> TRAINEE_ENROLLED =
            new EventType<>("enrollment.trainee.enrolled.v1", TraineeEnrolled.class);
    public static final EventType<TraineeCompleted> TRAINEE_COMPLETED =
            new EventType<>("enrollment.trainee.completed.v1", TraineeCompleted.class);
    public static final EventType<TraineePlaced> TRAINEE_PLACED =
            new EventType<>("placement.trainee.placed.v1", TraineePlaced.class);
    public static final EventType<SpotCheckConcluded> SPOT_CHECK_CONCLUDED =
            new EventType<>("placement.spot-check.concluded.v1", SpotCheckConcluded.class);
}
