package cn.sunshine.accreditation.reaccreditation;

import cn.sunshine.accreditation.inspection.InspectionKind;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.platform.outbox.Projections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    @Bean
    EventSubscriptions performanceEventSubscriptions(Projections projections) {
        return EventSubscriptions.create()
                .on(PerformanceContracts.TRAINEE_ENROLLED, projections.handler(BasePerformance.class,
                        e -> BasePerformance.idOf(e.baseId(), BasePerformance.yearOf(e.enrolledAt())),
                        e -> {
                            BasePerformance p = BasePerformance.start(e.baseId(), e.divisionCode(), BasePerformance.yearOf(e.enrolledAt()));
                            p.enrolled(e.enrolledAt());
                            return p;
                        }, (p, e) -> p.enrolled(e.enrolledAt())))
                .on(PerformanceContracts.TRAINEE_COMPLETED, projections.handler(BasePerformance.class,
                        e -> BasePerformance.idOf(e.baseId(), BasePerformance.yearOf(e.completedAt())),
                        e -> {
                            BasePerformance p = BasePerformance.start(e.baseId(), e.divisionCode(), BasePerformance.yearOf(e.completedAt()));
                            p.completed(e.completedAt());
                            return p;
                        }, (p, e) -> p.completed(e.completedAt())))
                .on(PerformanceContracts.TRAINEE_PLACED, projections.handler(BasePerformance.class,
                        e -> BasePerformance.idOf(e.baseId(), BasePerformance.yearOf(e.placedAt())),
                        e -> {
                            BasePerformance p = BasePerformance.start(e.baseId(), e.divisionCode(), BasePerformance.yearOf(e.placedAt()));
                            p.placed(e.placementId(), e.placedAt());
                            return p;
                        }, (p, e) -> p.placed(e.placementId(), e.placedAt())))
                // a disproved placement leaves the year it was counted in (the year of its report)
                .on(EventTypes.PLACEMENT_DISPROVED, projections.handler(BasePerformance.class,
                        e -> BasePerformance.idOf(e.baseId(), BasePerformance.yearOf(e.placedAt())),
                        e -> {
                            BasePerformance p = BasePerformance.start(e.baseId(), e.divisionCode(), BasePerformance.yearOf(e.placedAt()));
                            p.disproved(e.placementId(), e.disprovedAt());
                            return p;
                        }, (p, e) -> p.disproved(e.placementId(), e.disprovedAt())))
                .on(PerformanceContracts.SPOT_CHECK_CONCLUDED, projections.handler(BasePerformance.class,
                        e -> BasePerformance.idOf(e.baseId(), e.year()),
                        e -> {
                            BasePerformance p = BasePerformance.start(e.baseId(), e.divisionCode(), e.year());
                            p.spotChecked(e.called(), e.confirmed(), e.findings(), e.concludedAt());
                            return p;
                        }, (p, e) -> p.spotChecked(e.called(), e.confirmed(), e.findings(), e.concludedAt())))
                // trainees' confirmations (学员确认): the year of the enrollment
                .on(EventTypes.CONFIRMATION_REQUESTED, projections.handler(BasePerformance.class,
                        e -> BasePerformance.idOf(e.baseId(), e.year()),
                        e -> {
                            BasePerformance p = BasePerformance.start(e.baseId(), e.divisionCode(), e.year());
                            p.confirmationAsked(e.requestedAt());
                            return p;
                        }, (p, e) -> p.confirmationAsked(e.requestedAt())))
                .on(EventTypes.TRAINEE_CONFIRMED, projections.handler(BasePerformance.class,
                        e -> BasePerformance.idOf(e.baseId(), e.year()),
                        e -> {
                            BasePerformance p = BasePerformance.start(e.baseId(), e.divisionCode(), e.year());
                            p.confirmationAnswered(!e.denied().isEmpty(), e.answeredAt());
                            return p;
                        }, (p, e) -> p.confirmationAnswered(!e.denied().isEmpty(), e.answeredAt())))
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
                .on(EventTypes.INSPECTION_FINDING_RECORDED, projections.handler(BasePerformance.class,
                        e -> BasePerformance.idOf(e.baseId(), e.year()),
                        e -> {
                            BasePerformance p = BasePerformance.start(e.baseId(), e.divisionCode(), e.year());
                            p.inspectionFinding(e.findingId(),
                                    InspectionKind.valueOf(e.kind()).chinese(), e.description(), e.recordedAt());
                            return p;
                        }, (p, e) -> p.inspectionFinding(e.findingId(),
                                    InspectionKind.valueOf(e.kind()).chinese(), e.description(), e.recordedAt())))
                .on(EventTypes.ACCEPTANCE_RECORDED, projections.handler(BasePerformance.class,
                        e -> BasePerformance.idOf(e.baseId(), e.year()),
                        e -> {
                            BasePerformance p = BasePerformance.start(e.baseId(), e.divisionCode(), e.year());
                            p.accepted(e.acceptanceId(), e.score(), e.passingScore(), e.passed(), e.recordedAt());
                            return p;
                        }, (p, e) -> p.accepted(e.acceptanceId(), e.score(), e.passingScore(), e.passed(), e.recordedAt())));
    }
}
