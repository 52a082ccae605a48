package cn.sunshine.subsidy.confirmation;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.platform.outbox.Projections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps {@link TraineeConfirmation} from {@code enrollment.trainee.confirmed.v1}, each event applied once; a later
 * answer for the same enrollment changes nothing (the answers are final, the first kept stands).
 */
@Configuration(proxyBeanMethods = false)
class ConfirmationEvents {

    @Bean
    EventSubscriptions traineeConfirmationSubscriptions(Projections projections) {
        return EventSubscriptions.create().on(EventTypes.TRAINEE_CONFIRMED, projections.handler(TraineeConfirmation.class,
                e -> e.enrollmentId(),
                e -> TraineeConfirmation.answered(e.enrollmentId(), e.classId(), e.baseId(), e.divisionCode(),
                        e.outcome(), e.denied(), e.answeredAt()),
                (kept, e) -> {
                }));
    }
}
