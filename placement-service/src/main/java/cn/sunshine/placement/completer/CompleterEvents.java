package cn.sunshine.placement.completer;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.platform.outbox.Projections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps {@link Completer} from {@code enrollment.trainee.completed.v1}, each event applied once. */
@Configuration(proxyBeanMethods = false)
class CompleterEvents {

    @Bean
    EventSubscriptions completerEventSubscriptions(Projections projections) {
        return EventSubscriptions.create()
                .on(EventTypes.TRAINEE_COMPLETED, projections.handler(Completer.class,
                        e -> {
                            if (e.enrollmentId() == null || e.baseId() == null || e.divisionCode() == null
                                    || e.completedAt() == null) {
                                throw new IllegalArgumentException("a completion without enrollment, base, county or time");
                            }
                            return e.enrollmentId();
                        }, Completer::from, Completer::apply));
    }
}
