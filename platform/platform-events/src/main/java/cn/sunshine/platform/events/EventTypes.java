package cn.sunshine.platform.events;

import cn.sunshine.platform.events.accreditation.AcceptanceRecorded;
import cn.sunshine.platform.events.accreditation.AgreementSigned;
import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.events.accreditation.BaseRenewed;
import cn.sunshine.platform.events.accreditation.BaseRevoked;
import cn.sunshine.platform.events.accreditation.ComplaintAnswered;
import cn.sunshine.platform.events.accreditation.ComplaintClosed;
import cn.sunshine.platform.events.accreditation.ComplaintReceived;
import cn.sunshine.platform.events.accreditation.InspectionFindingRecorded;
import cn.sunshine.platform.events.accreditation.QuotaAllocated;
import cn.sunshine.platform.events.accreditation.TenderPublished;
import cn.sunshine.platform.events.enrollment.ClassOpened;
import cn.sunshine.platform.events.enrollment.ConfirmationRequested;
import cn.sunshine.platform.events.enrollment.TraineeConfirmed;
import cn.sunshine.platform.events.enrollment.FundingListImported;
import cn.sunshine.platform.events.enrollment.LessonRecorded;
import cn.sunshine.platform.events.enrollment.TraineeAssessed;
import cn.sunshine.platform.events.enrollment.TraineeCompleted;
import cn.sunshine.platform.events.enrollment.TraineeEnrolled;
import cn.sunshine.platform.events.enrollment.TraineeLeft;
import cn.sunshine.platform.events.enrollment.VisitRecorded;
import cn.sunshine.platform.events.placement.FollowUpEscalated;
import cn.sunshine.platform.events.placement.LabourReturnRecorded;
import cn.sunshine.platform.events.placement.PlacementDisproved;
import cn.sunshine.platform.events.placement.SpotCheckConcluded;
import cn.sunshine.platform.events.placement.SpotCheckFinding;
import cn.sunshine.platform.events.placement.TraineePlaced;
import cn.sunshine.platform.events.subsidy.ClaimApproved;
import cn.sunshine.platform.events.subsidy.PaymentSettled;
import cn.sunshine.platform.events.subsidy.RecoveryOrdered;
import cn.sunshine.platform.events.subsidy.RecoverySettled;

import java.util.List;

/** The catalogue of event types. docs/events.md describes each; every one has a golden sample. */
public final class EventTypes {

    public static final EventType<BaseAccredited> BASE_ACCREDITED =
            new EventType<>("accreditation.base.accredited.v1", BaseAccredited.class);

    public static final EventType<BaseRevoked> BASE_REVOKED =
            new EventType<>("accreditation.base.revoked.v1", BaseRevoked.class);

    public static final EventType<BaseRenewed> BASE_RENEWED =
            new EventType<>("accreditation.base.renewed.v1", BaseRenewed.class);

    public static final EventType<TenderPublished> TENDER_PUBLISHED =
            new EventType<>("accreditation.tender.published.v1", TenderPublished.class);

    public static final EventType<QuotaAllocated> QUOTA_ALLOCATED =
            new EventType<>("accreditation.quota.allocated.v1", QuotaAllocated.class);

    public static final EventType<AgreementSigned> AGREEMENT_SIGNED =
            new EventType<>("accreditation.agreement.signed.v1", AgreementSigned.class);

    public static final EventType<ComplaintReceived> COMPLAINT_RECEIVED =
            new EventType<>("accreditation.complaint.received.v1", ComplaintReceived.class);

    public static final EventType<ComplaintAnswered> COMPLAINT_ANSWERED =
            new EventType<>("accreditation.complaint.answered.v1", ComplaintAnswered.class);

    public static final EventType<ComplaintClosed> COMPLAINT_CLOSED =
            new EventType<>("accreditation.complaint.closed.v1", ComplaintClosed.class);

    public static final EventType<InspectionFindingRecorded> INSPECTION_FINDING_RECORDED =
            new EventType<>("accreditation.inspection.finding-recorded.v1", InspectionFindingRecorded.class);

    public static final EventType<AcceptanceRecorded> ACCEPTANCE_RECORDED =
            new EventType<>("accreditation.acceptance.recorded.v1", AcceptanceRecorded.class);

    public static final EventType<ClassOpened> CLASS_OPENED =
            new EventType<>("enrollment.class.opened.v1", ClassOpened.class);

    public static final EventType<TraineeEnrolled> TRAINEE_ENROLLED =
            new EventType<>("enrollment.trainee.enrolled.v1", TraineeEnrolled.class);

    public static final EventType<TraineeLeft> TRAINEE_WITHDRAWN =
            new EventType<>("enrollment.trainee.withdrawn.v1", TraineeLeft.class);

    public static final EventType<TraineeLeft> TRAINEE_DROPPED =
            new EventType<>("enrollment.trainee.dropped.v1", TraineeLeft.class);

    public static final EventType<TraineeAssessed> TRAINEE_ASSESSED =
            new EventType<>("enrollment.trainee.assessed.v1", TraineeAssessed.class);

    public static final EventType<TraineeCompleted> TRAINEE_COMPLETED =
            new EventType<>("enrollment.trainee.completed.v1", TraineeCompleted.class);

    public static final EventType<ConfirmationRequested> CONFIRMATION_REQUESTED =
            new EventType<>("enrollment.confirmation.requested.v1", ConfirmationRequested.class);

    public static final EventType<TraineeConfirmed> TRAINEE_CONFIRMED =
            new EventType<>("enrollment.trainee.confirmed.v1", TraineeConfirmed.class);

    public static final EventType<LessonRecorded> LESSON_RECORDED =
            new EventType<>("enrollment.lesson.recorded.v1", LessonRecorded.class);

    public static final EventType<VisitRecorded> VISIT_RECORDED =
            new EventType<>("enrollment.visit.recorded.v1", VisitRecorded.class);

    public static final EventType<FundingListImported> FUNDING_LIST_IMPORTED =
            new EventType<>("enrollment.funding-list.imported.v1", FundingListImported.class);

    public static final EventType<TraineePlaced> TRAINEE_PLACED =
            new EventType<>("placement.trainee.placed.v1", TraineePlaced.class);

    public static final EventType<TraineePlaced> TRAINEE_REPLACED =
            new EventType<>("placement.trainee.re-placed.v1", TraineePlaced.class);

    public static final EventType<FollowUpEscalated> FOLLOW_UP_ESCALATED =
            new EventType<>("placement.follow-up.escalated.v1", FollowUpEscalated.class);

    public static final EventType<SpotCheckFinding> FINDING_RECORDED =
            new EventType<>("placement.finding.recorded.v1", SpotCheckFinding.class);

    public static final EventType<SpotCheckConcluded> SPOT_CHECK_CONCLUDED =
            new EventType<>("placement.spot-check.concluded.v1", SpotCheckConcluded.class);

    public static final EventType<PlacementDisproved> PLACEMENT_DISPROVED =
            new EventType<>("placement.placement.disproved.v1", PlacementDisproved.class);

    public static final EventType<LabourReturnRecorded> LABOUR_RETURN_RECORDED =
            new EventType<>("placement.labour-return.recorded.v1", LabourReturnRecorded.class);

    public static final EventType<ClaimApproved> CLAIM_APPROVED =
            new EventType<>("subsidy.claim.approved.v1", ClaimApproved.class);

    public static final EventType<PaymentSettled> PAYMENT_SETTLED =
            new EventType<>("subsidy.payment.settled.v1", PaymentSettled.class);

    public static final EventType<RecoveryOrdered> RECOVERY_ORDERED =
            new EventType<>("subsidy.recovery.ordered.v1", RecoveryOrdered.class);

    public static final EventType<RecoverySettled> RECOVERY_SETTLED =
            new EventType<>("subsidy.recovery.settled.v1", RecoverySettled.class);

    public static final List<EventType<?>> ALL = List.of(BASE_ACCREDITED, BASE_REVOKED, BASE_RENEWED, TENDER_PUBLISHED,
            QUOTA_ALLOCATED, AGREEMENT_SIGNED, COMPLAINT_RECEIVED, COMPLAINT_ANSWERED, COMPLAINT_CLOSED, CLASS_OPENED, TRAINEE_ENROLLED, TRAINEE_WITHDRAWN, TRAINEE_DROPPED,
            TRAINEE_ASSESSED, TRAINEE_COMPLETED, LESSON_RECORDED, VISIT_RECORDED, FUNDING_LIST_IMPORTED, TRAINEE_PLACED, TRAINEE_REPLACED, FOLLOW_UP_ESCALATED, FINDING_RECORDED,
            SPOT_CHECK_CONCLUDED, PLACEMENT_DISPROVED, CLAIM_APPROVED, PAYMENT_SETTLED, RECOVERY_ORDERED,
            RECOVERY_SETTLED, CONFIRMATION_REQUESTED, TRAINEE_CONFIRMED,
            INSPECTION_FINDING_RECORDED, ACCEPTANCE_RECORDED, LABOUR_RETURN_RECORDED);

    private EventTypes() {
    }

    public static EventType<?> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
