package cn.sunshine.accreditation.inspection;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.AcceptanceRecorded;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.Instant;

/**
 * The year-end acceptance of a base (年终验收记录), from an acceptance visit: its score, passed or failed against
 * the checklist's passing score, and the officer's conclusion. One per base and year (id {@code <baseId>:<year>});
 * it records {@code accreditation.acceptance.recorded.v1}, which joins the base's year in the annual review.
 */
@Document("acceptance_records")
@CompoundIndex(name = "division_year", def = "{'divisionCode': 1, 'year': 1}")
@CompoundIndex(name = "base_year", def = "{'baseId': 1, 'year': 1}")
public class AcceptanceRecord extends BaseYearRecord {

    private String visitId;
    private String checklistVersion;
    private int score;
    private int passingScore;
    private boolean passed;
    private String conclusion;
    private Instant recordedAt;
    private String recordedBy;

    protected AcceptanceRecord() {
    }

    public static String idOf(String baseId, int year) {
        return baseId + ":" + year;
    }

    static AcceptanceRecord of(InspectionVisit v, String conclusion, String by, Clock clock) {
        if (v.getKind() != InspectionKind.ACCEPTANCE) {
            throw DomainException.rule("not-an-acceptance-visit", "Not an acceptance visit",
                    "inspection visit " + v.getId() + " is a " + v.getKind() + " visit; the year-end acceptance is "
                            + "recorded from an ACCEPTANCE visit").coded("inspection.not-an-acceptance-visit", v.getId());
        }
        AcceptanceRecord a = new AcceptanceRecord();
        a.id = idOf(v.getBaseId(), v.getYear());
        a.about(v.getDivisionCode(), v.getBaseId(), v.getBaseName(), v.getYear());
        a.visitId = v.getId();
        a.checklistVersion = v.getChecklistVersion();
        a.score = v.getTotal();
        a.passingScore = v.getPassingScore();
        a.passed = v.passed();
        a.conclusion = conclusion;
        a.recordedAt = clock.instant();
        a.recordedBy = by;
        a.recordEvent(EventTypes.ACCEPTANCE_RECORDED, new AcceptanceRecorded(a.id, a.visitId, a.baseId, a.divisionCode,
                a.year, a.checklistVersion, a.score, a.passingScore, a.passed, conclusion, a.recordedAt, by),
                a.divisionCode, a.recordedAt);
        return a;
    }

    public String getVisitId() {
        return visitId;
    }

    public String getChecklistVersion() {
        return checklistVersion;
    }

    public int getScore() {
        return score;
    }

    public int getPassingScore() {
        return passingScore;
    }

    public boolean isPassed() {
        return passed;
    }

    public String getConclusion() {
        return conclusion;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    public String getRecordedBy() {
        return recordedBy;
    }
}
