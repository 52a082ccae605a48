package cn.sunshine.enrollment.trainee;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.placement.PlacementDisproved;
import cn.sunshine.platform.events.placement.TraineePlaced;
import cn.sunshine.platform.messaging.EventHandler;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.platform.outbox.Projections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Fills the ledger's employer fields (就业单位, address, phone) from placement-service's events:
 * {@code placement.trainee.placed.v1} and {@code re-placed.v1} set the trainee's latest placement's
 * employer, {@code placement.placement.disproved.v1} marks it disproved. Each event is applied once:
 * the change and the event id are one conditional write on the enrollment ({@code updateOnce}); an
 * event naming an enrollment this service does not hold is dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class PlacementEvents {

    @Bean
    EventSubscriptions placementEventSubscriptions(Projections projections) {
        EventHandler<TraineePlaced> placed = (e, meta) -> projections.apply(Enrollment.class,
                required(e.enrollmentId()), meta.id(), () -> unknown(e.enrollmentId()),
                enrollment -> enrollment.employed(e.placementId(), e.employerName(), e.employerCreditCode(),
                        e.employerAddress(), e.employerPhone(), e.startDate(), e.placedAt()));
        EventHandler<PlacementDisproved> disproved = (e, meta) -> projections.apply(Enrollment.class,
                required(e.enrollmentId()), meta.id(), () -> unknown(e.enrollmentId()),
                enrollment -> enrollment.employmentDisproved(e.placementId(), e.findingId(), e.disprovedAt()));
        return EventSubscriptions.create()
                .on(EventTypes.TRAINEE_PLACED, placed)
                .on(EventTypes.TRAINEE_REPLACED, placed)
                .on(EventTypes.PLACEMENT_DISPROVED, disproved);
    }

    private static String required(String enrollmentId) {
        if (enrollmentId == null || enrollmentId.isBlank()) {
            throw new IllegalArgumentException("a placement event without its enrollment");
        }
        return enrollmentId;
    }

    private static Enrollment unknown(String enrollmentId) {
        throw new IllegalStateException("no enrollment " + enrollmentId + " for a placement event");
    }
}
