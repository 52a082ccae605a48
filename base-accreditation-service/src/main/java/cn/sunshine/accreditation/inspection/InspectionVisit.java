package cn.sunshine.accreditation.inspection;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.InspectionFindingRecorded;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An inspection visit to a base (督查, 年中检查, 年终验收), as the county officer recorded it: the day, the
 * inspectors, each checklist item's score and remark against the version named, the total, and the findings. A
 * finding may order a rectification (整改: what to correct, by which day — a {@link RectificationOrder} of the
 * finding's id) and may involve money (the amount, and the trainees' enrollments when known). Recorded once, in
 * one act; each finding records {@code accreditation.inspection.finding-recorded.v1}.
 */
@Document("inspection_visits")
@CompoundIndex(name = "division_year", def = "{'divisionCode': 1, 'year': 1}")
@CompoundIndex(name = "base_year", def = "{'baseId': 1, 'year': 1}")
public class InspectionVisit extends ScoredRecord {

    /** A rectification ordered by a finding: what the base must correct, by which day (inclusive). */
    public record Rectification(String requirement, String deadline) {
    }

    /** Money a finding involves: the amount as estimated, in fen (null when unknown), and the enrollments. */
    public record Money(Long amountFen, List<String> enrollmentIds) {
    }

    public record Finding(String findingId, String itemCode, String description, Rectification rectification, Money money) {
    }

    private String planId;
    private InspectionKind kind;
    private String visitedOn;
    private List<String> inspectors;
    private int passingScore;
    private String summary;
    private List<Finding> findings;
    private Instant recordedAt;
    private String recordedBy;

    protected InspectionVisit() {
    }

    /** A draft finding as the officer wrote it: the deadline already decided (or null: no rectification). */
    record NewFinding(String itemCode, String description, String requirement, LocalDate deadline, Long amountFen,
                      List<String> enrollmentIds, boolean involvesMoney) {
    }

    static InspectionVisit record(String divisionCode, String baseId, String baseName, String planId, InspectionKind kind,
                                  LocalDate visitedOn, List<String> inspectors, Checklist checklist,
                                  List<Checklist.Score> scores, String summary, List<NewFinding> findings, String by,
                                  Clock clock) {
        InspectionVisit v = new InspectionVisit();
        v.id = Ids.newId();
        v.about(divisionCode, baseId, baseName, visitedOn.getYear());
        v.planId = planId;
        v.kind = kind;
        v.visitedOn = visitedOn.toString();
        v.inspectors = List.copyOf(inspectors);
        v.scoreAgainst(checklist, scores);
        v.passingScore = checklist.passingScore();
        v.summary = summary;
        v.recordedAt = clock.instant();
        v.recordedBy = by;
        List<Finding> all = new ArrayList<>();
        for (int n = 0; n < findings.size(); n++) {
            NewFinding f = findings.get(n);
            if (f.itemCode() != null && !checklist.has(f.itemCode())) {
                throw DomainException.invalidField("findings[" + n + "].itemCode", Phrase.coded("inspection.item-unknown",
                        "item " + f.itemCode() + " is not on checklist " + checklist.version(), f.itemCode(),
                        checklist.version()));
            }
            if (f.deadline() != null && f.deadline().isBefore(visitedOn)) {
                throw DomainException.invalidField("findings[" + n + "].rectification.deadline",
                        Phrase.coded("inspection.deadline-before-visit", "the deadline cannot be before the visit"));
            }
            Money money = f.involvesMoney() ? new Money(f.amountFen(), List.copyOf(f.enrollmentIds())) : null;
            Rectification r = f.deadline() == null ? null : new Rectification(f.requirement(), f.deadline().toString());
            Finding finding = new Finding(Ids.newId(), f.itemCode(), f.description(), r, money);
            all.add(finding);
            v.recordEvent(EventTypes.INSPECTION_FINDING_RECORDED, new InspectionFindingRecorded(finding.findingId(), v.id,
                    baseId, divisionCode, v.year, kind.name(), f.itemCode(), f.description(), f.deadline(),
                    money != null, money == null ? null : money.amountFen(),
                    money == null ? List.of() : money.enrollmentIds(), v.recordedAt, by), divisionCode, v.recordedAt);
        }
        v.findings = List.copyOf(all);
        return v;
    }

    /** The rectification orders the findings ordered, one per finding with a rectification (its id the finding's). */
    List<RectificationOrder> rectificationOrders() {
        return findings.stream().filter(f -> f.rectification() != null).map(f -> RectificationOrder.of(this, f)).toList();
    }

    public boolean passed() {
        return total >= passingScore;
    }

    public String getPlanId() {
        return planId;
    }

    public InspectionKind getKind() {
        return kind;
    }

    public String getVisitedOn() {
        return visitedOn;
    }

    public List<String> getInspectors() {
        return inspectors;
    }

    public int getPassingScore() {
        return passingScore;
    }

    public String getSummary() {
        return summary;
    }

    public List<Finding> getFindings() {
        return findings;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    public String getRecordedBy() {
        return recordedBy;
    }
}
