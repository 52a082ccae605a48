package cn.sunshine.subsidy.voucher;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.enrollment.TraineeCompleted;
import cn.sunshine.platform.events.enrollment.TraineeEnrolled;
import cn.sunshine.platform.events.enrollment.TraineeLeft;
import cn.sunshine.platform.events.placement.TraineePlaced;
import cn.sunshine.platform.messaging.EventHandler;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.platform.outbox.Projections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps {@link Trainee} from enrollment-service's events, each applied once; a trainee who withdrew or
 * dropped out gets no subsidy: an unredeemed voucher becomes VOID (a state guard, so a redelivery changes nothing).
 */
@Configuration(proxyBeanMethods = false)
class TraineeEvents {

    @Bean
    EventSubscriptions traineeEventSubscriptions(Projections projections, Vouchers vouchers) {
        EventHandler<TraineeLeft> left = projections.handler(Trainee.class, TraineeLeft::enrollmentId, Trainee::from,
                Trainee::apply);
        return EventSubscriptions.create()
                .on(EventTypes.TRAINEE_ENROLLED, projections.handler(Trainee.class, TraineeEnrolled::enrollmentId,
                        Trainee::from, Trainee::apply))
                .on(EventTypes.TRAINEE_COMPLETED, projections.handler(Trainee.class, TraineeCompleted::enrollmentId,
                        Trainee::from, Trainee::apply))
                .on(EventTypes.TRAINEE_PLACED, projections.handler(Trainee.class, TraineePlaced::enrollmentId,
                        Trainee::from, Trainee::apply))
                .on(EventTypes.TRAINEE_WITHDRAWN, (e, meta) -> {
                    left.handle(e, meta);
                    vouchers.voidUnredeemed(e.enrollmentId(), "withdrawn: " + e.reason(), e.by(), e.at());
                })
                .on(EventTypes.TRAINEE_DROPPED, (e, meta) -> {
                    left.handle(e, meta);
                    vouchers.voidUnredeemed(e.enrollmentId(), "dropped out: " + e.reason(), e.by(), e.at());
                });
    }
}
