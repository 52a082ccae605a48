package cn.sunshine.placement.placement;

import cn.sunshine.placement.completer.Completer;
import cn.sunshine.placement.completer.Completers;
import cn.sunshine.placement.placement.Contact;
import cn.sunshine.placement.placement.FollowUp;
import cn.sunshine.placement.placement.FollowUpProperties;
import cn.sunshine.placement.placement.Problem;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.PendingEvent;
import cn.sunshine.platform.events.EventTypes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The placement aggregate on its own: its states, its follow-up schedule and the events each transition records. */
class PlacementUnitTest {

    static final Instant NOW = Instant.parse("2026-06-10T02:00:00Z");
    static final LocalDate START = LocalDate.of(2026, 7, 1);
    static final EmployerTerms EMPLOYER = new EmployerTerms("应城市某纺织有限公司", "91420981MA4F000000", "应城市城中街道",
            "0712-3200000");
    static final FollowUpProperties SCHEDULE = new FollowUpProperties(6, null, null, null);

    final Completer completer = Completers.of("e-1", "base-1", "420981", Instant.parse("2026-06-01T02:00:00Z"));

    Placement first() {
        return Placement.place(completer, null, true, EMPLOYER, null, "挡车工", 520_000, START, Workplace.HOME_COUNTY,
                true, SCHEDULE.scheduleFrom(START), NOW, "staff-1");
    }

    @Test
    void aFirstPlacementCountsTheTraineeAndRecordsPlacedWithSixMonthlyFollowUps() {
        Placement p = first();
        assertThat(p.getId()).isEqualTo("e-1-1");
        assertThat(p.getStatus()).isEqualTo(PlacementStatus.CURRENT);
        assertThat(p.isCountsTrainee()).isTrue();
        assertThat(p.getFollowUps()).extracting(FollowUp::dueOn).containsExactly(LocalDate.of(2026, 8, 1),
                LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1),
                LocalDate.of(2027, 1, 1));
        assertThat(p.getNextDueOn()).isEqualTo(LocalDate.of(2026, 8, 1));
        assertThat(p.pendingEvents()).extracting(PendingEvent::type).containsExactly(EventTypes.TRAINEE_PLACED);
        assertThat(p.getMaskedIdNumber()).isEqualTo(completer.getMaskedIdNumber());
    }

    @Test
    void theSameReportIsRecognisedAndAnotherIsNot() {
        Placement p = first();
        assertThat(p.isReportOf("e-1", null, EMPLOYER.creditCode(), "挡车工", 520_000, START)).isTrue();
        assertThat(p.isReportOf("e-1", null, EMPLOYER.creditCode(), "挡车工", 520_000, START.plusDays(1))).isFalse();
        assertThat(p.isReportOf("e-1", null, EMPLOYER.creditCode(), "质检员", 520_000, START)).isFalse();
        assertThat(p.isReportOf("e-1", null, EMPLOYER.creditCode(), "挡车工", 500_000, START)).isFalse();
        assertThat(p.isReportOf("e-1", "e-1-0", EMPLOYER.creditCode(), "挡车工", 520_000, START)).isFalse();
        assertThat(p.isReportOf("e-2", null, EMPLOYER.creditCode(), "挡车工", 520_000, START)).isFalse();
    }

    @Test
    void leavingCancelsWhatIsStillDueAndOpensTheWayToARePlacement() {
        Placement p = first();
        assertThatThrownBy(() -> Placement.place(completer, p, false, EMPLOYER, null, "质检员", 500_000, START.plusMonths(2),
                Workplace.HOME_COUNTY, true, SCHEDULE.scheduleFrom(START.plusMonths(2)), NOW, "staff-1"))
                .as("still placed").isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> p.leave(START.minusDays(1), "早于入职")).isInstanceOf(DomainException.class);

        p.leave(LocalDate.of(2026, 8, 20), "工厂减产");
        assertThat(p.getStatus()).isEqualTo(PlacementStatus.LEFT);
        assertThat(p.getFollowUps()).extracting(FollowUp::status).containsOnly(FollowUp.Status.CANCELLED);
        assertThat(p.getNextDueOn()).isNull();
        assertThatThrownBy(() -> p.leave(LocalDate.of(2026, 8, 21), "again")).isInstanceOf(DomainException.class);

        Placement again = Placement.place(completer, p, false, EMPLOYER, null, "质检员", 500_000, LocalDate.of(2026, 9, 1),
                Workplace.IN_PROVINCE, true, SCHEDULE.scheduleFrom(LocalDate.of(2026, 9, 1)), NOW, "staff-1");
        assertThat(again.getId()).isEqualTo("e-1-2");
        assertThat(again.getSequence()).isEqualTo(2);
        assertThat(again.getReplacesPlacementId()).isEqualTo("e-1-1");
        assertThat(again.pendingEvents()).extracting(PendingEvent::type).containsExactly(EventTypes.TRAINEE_REPLACED);
    }

    @Test
    void aFollowUpIsRecordedOnceFromAWeekBeforeItIsDueAndAProblemOpensACase() {
        Placement p = first();
        Contact fine = new Contact(LocalDate.of(2026, 7, 28), true, true, 520_000L, 4, List.of(), 0, null, null, NOW, "staff-1");
        assertThatThrownBy(() -> p.recordContact(1, fine, LocalDate.of(2026, 7, 24), 7, NOW))
                .as("more than a week early").isInstanceOf(DomainException.class);
        assertThat(p.recordContact(1, fine, LocalDate.of(2026, 7, 25), 7, NOW)).isNull();
        assertThat(p.getNextDueOn()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThatThrownBy(() -> p.recordContact(1, fine, LocalDate.of(2026, 8, 2), 7, NOW))
                .as("recorded already").isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> p.recordContact(9, fine, LocalDate.of(2026, 8, 2), 7, NOW))
                .isInstanceOf(DomainException.class);

        Contact unpaid = new Contact(LocalDate.of(2026, 9, 1), true, true, 520_000L, 2, List.of(Problem.UNPAID_WAGES),
                260_000, "拖欠半月工资", null, NOW, "staff-1");
        String caseId = p.recordContact(2, unpaid, LocalDate.of(2026, 9, 1), 7, NOW);
        assertThat(caseId).isEqualTo("e-1-1-f2");
        assertThat(p.getCasesToOpen()).containsExactly(caseId);
        assertThat(p.followUpOfCase(caseId)).get().extracting(FollowUp::number).isEqualTo(2);
        assertThat(p.pendingEvents()).extracting(PendingEvent::type)
                .containsExactly(EventTypes.TRAINEE_PLACED, EventTypes.FOLLOW_UP_ESCALATED);
    }

    @Test
    void aFalsePlacementIsDisprovedOnceKeepingWhatItWasAndOnlyByThatFinding() {
        Placement p = first();
        assertThatThrownBy(() -> p.disprove("f-1", "sc-1", "WAGE_LOWER_THAN_REPORTED", null, NOW, "officer"))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> p.disprove(" ", "sc-1", Placement.NOT_EMPLOYED_AS_REPORTED, null, NOW, "officer"))
                .isInstanceOf(DomainException.class);

        p.disprove("f-1", "sc-1", Placement.NOT_EMPLOYED_AS_REPORTED, "本人称未在该企业工作", NOW, "officer");
        assertThat(p.isDisproved()).isTrue();
        assertThat(p.getDisproval().findingId()).isEqualTo("f-1");
        assertThat(p.getDisproval().statusBefore()).isEqualTo(PlacementStatus.CURRENT);
        assertThat(p.getFollowUps()).extracting(FollowUp::status).containsOnly(FollowUp.Status.CANCELLED);
        assertThat(p.pendingEvents()).extracting(PendingEvent::type)
                .containsExactly(EventTypes.TRAINEE_PLACED, EventTypes.PLACEMENT_DISPROVED);
        assertThatThrownBy(() -> p.disprove("f-2", "sc-1", Placement.NOT_EMPLOYED_AS_REPORTED, null, NOW, "officer"))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> p.leave(LocalDate.of(2026, 8, 1), "after")).isInstanceOf(DomainException.class);
    }
}
