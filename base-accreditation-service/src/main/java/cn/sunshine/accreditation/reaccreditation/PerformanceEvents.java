package cn.sunshine.accreditation.reaccreditation;

import cn.sunshine.accreditation.inspection.InspectionKind;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.messaging.EventHandler;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.platform.outbox.Projections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Keeps {@link BasePerformance} from the performance events, each applied once (the event id is kept
 * with the counters in one conditional write). {@code placement.placement.disproved.v1} takes a
 * placement a spot check disproved out of {@code placed}. A complaint about the base answered as substantiated
 * ({@code accreditation.complaint.answered.v1}, this service's own) adds its findings to the year of its receipt; an
 * inspection visit's finding ({@code accreditation.inspection.finding-recorded.v1}) to the year of the visit, and
 * the year-end acceptance ({@code accreditation.acceptance.recorded.v1}) its score (a failed one is a finding).
 * Trainees' confirmations ({@code enrollment.confirmation.requested.v1}, {@code enrollment.trainee.confirmed.v1})
 * count asked, confirmed and denied in the enrollment's year.
 */
@Configuration(proxyBeanMethods = false)
class PerformanceEvents {

    /** The base's year an event counts in: the base, its county and the year. */
    private record BaseYear(String baseId, String divisionCode, int year) {
    }

    @Bean
    EventSubscriptions performanceEventSubscriptions(Projections projections) {
        return EventSubscriptions.create()
                .on(PerformanceContracts.TRAINEE_ENROLLED, toYear(projections,
                        e -> new BaseYear(e.baseId(), e.divisionCode(), BasePerformance.yearOf(e.enrolledAt())),
                        (p, e) -> p.enrolled(e.enrolledAt())))
                .on(PerformanceContracts.TRAINEE_COMPLETED, toYear(projections,
                        e -> new BaseYear(e.baseId(), e.divisionCode(), BasePerformance.yearOf(e.completedAt())),
                        (p, e) -> p.completed(e.completedAt())))
                .on(PerformanceContracts.TRAINEE_PLACED, toYear(projections,
                        e -> new BaseYear(e.baseId(), e.divisionCode(), BasePerformance.yearOf(e.placedAt())),
                        (p, e) -> p.placed(e.placementId(), e.placedAt())))
                // a disproved placement leaves the year it was counted in (the year of its report)
                .on(EventTypes.PLACEMENT_DISPROVED, toYear(projections,
                        e -> new BaseYear(e.baseId(), e.divisionCode(), BasePerformance.yearOf(e.placedAt())),
                        (p, e) -> p.disproved(e.placementId(), e.disprovedAt())))
                .on(PerformanceContracts.SPOT_CHECK_CONCLUDED, toYear(projections,
                        e -> new BaseYear(e.baseId(), e.divisionCode(), e.year()),
                        (p, e) -> p.spotChecked(e.called(), e.confirmed(), e.findings(), e.concludedAt())))
                // trainees' confirmations (学员确认): the year of the enrollment
                .on(EventTypes.CONFIRMATION_REQUESTED, toYear(projections,
                        e -> new BaseYear(e.baseId(), e.divisionCode(), e.year()),
                        (p, e) -> p.confirmationAsked(e.requestedAt())))
                .on(EventTypes.TRAINEE_CONFIRMED, toYear(projections,
                        e -> new BaseYear(e.baseId(), e.divisionCode(), e.year()),
                        (p, e) -> p.confirmationAnswered(!e.denied().isEmpty(), e.answeredAt())))
                .on(EventTypes.COMPLAINT_ANSWERED, (e, meta) -> {
                    if (!e.substantiated() || e.baseId() == null) {
                        return;
                    }
                    projections.apply(BasePerformance.class, BasePerformance.idOf(e.baseId(), e.year()), meta.id(),
                            () -> {
                                BasePerformance p = BasePerformance.start(e.baseId(), e.divisionCode(), e.year());
                                p.complaintSubstantiated(e.complaintId(), e.findings(), e.answeredAt());
                                return p;
                            }, p -> p.complaintSubstantiated(e.complaintId(), e.findings(), e.answeredAt()));
                })
                .on(EventTypes.INSPECTION_FINDING_RECORDED, toYear(projections,
                        e -> new BaseYear(e.baseId(), e.divisionCode(), e.year()),
                        (p, e) -> p.inspectionFinding(e.findingId(),
                                InspectionKind.valueOf(e.kind()).chinese(), e.description(), e.recordedAt())))
                .on(EventTypes.ACCEPTANCE_RECORDED, toYear(projections,
                        e -> new BaseYear(e.baseId(), e.divisionCode(), e.year()),
                        (p, e) -> p.accepted(e.acceptanceId(), e.score(), e.passingScore(), e.passed(), e.recordedAt())));
    }

    /**
     * The handler that applies an event to the record of the base's year it counts in ({@code of}); the year's first
     * event starts the record.
     */
    private static <E> EventHandler<E> toYear(Projections projections, Function<E, BaseYear> of,
                                              BiConsumer<BasePerformance, E> apply) {
        return projections.handler(BasePerformance.class, e -> {
            BaseYear y = of.apply(e);
            return BasePerformance.idOf(y.baseId(), y.year());
        }, e -> {
            BaseYear y = of.apply(e);
            BasePerformance p = BasePerformance.start(y.baseId(), y.divisionCode(), y.year());
            apply.accept(p, e);
            return p;
        }, apply);
    }
}
