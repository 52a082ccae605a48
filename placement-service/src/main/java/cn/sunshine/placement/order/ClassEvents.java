package cn.sunshine.placement.order;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.platform.outbox.Projections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps {@link TrainingClass} from {@code enrollment.class.opened.v1}, each event applied once. */
@Configuration(proxyBeanMethods = false)
class ClassEvents {

    @Bean
    EventSubscriptions classEventSubscriptions(Projections projections) {
        return EventSubscriptions.create()
                .on(EventTypes.CLASS_OPENED, projections.handler(TrainingClass.class, e -> {
                    if (e.classId() == null || e.baseId() == null) {
                        throw new IllegalArgumentException("a class opening without class or base");
                    }
                    return e.classId();
                }, TrainingClass::from, TrainingClass::apply));
    }
}
