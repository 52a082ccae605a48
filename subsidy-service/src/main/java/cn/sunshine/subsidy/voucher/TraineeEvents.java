package cn.sunshine.subsidy.voucher;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.enrollment.TraineeCompleted;
import cn.sunshine.platform.events.enrollment.TraineeEnrolled;
import cn.sunshine.platform.events.enrollment.TraineeLeft;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.platform.outbox.Projections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps {@link Trainee} from enrollment-service's events, each applied once. */
@Configuration(proxyBeanMethods = false)
class TraineeEvents {

    @Bean
    EventSubscriptions traineeEventSubscriptions(Projections projections) {
        return EventSubscriptions.create()
                .on(EventTypes.TRAINEE_ENROLLED, projections.handler(Trainee.class, TraineeEnrolled::enrollmentId,
                        Trainee::from, Trainee::apply))
                .on(EventTypes.TRAINEE_COMPLETED, projections.handler(Trainee.class, TraineeCompleted::enrollmentId,
                        Trainee::from, Trainee::apply))
                .on(EventTypes.TRAINEE_WITHDRAWN, projections.handler(Trainee.class, TraineeLeft::enrollmentId,
                        Trainee::from, Trainee::apply))
                .on(EventTypes.TRAINEE_DROPPED, projections.handler(Trainee.class, TraineeLeft::enrollmentId,
                        Trainee::from, Trainee::apply));
    }
}
