package cn.sunshine.accreditation.inspection;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A county's inspection plan for a year (检查计划): which bases, what kind of inspection, the planned days. A
 * {@code DRAFT} is the office's own; {@code PUBLISHED}, it is sent to the bases named (their staff read it).
 */
@Document("inspection_plans")
@CompoundIndex(name = "division_year", def = "{'divisionCode': 1, 'year': 1}")
@CompoundIndex(name = "bases_status", def = "{'baseIds': 1, 'status': 1}")
public class InspectionPlan extends AggregateRoot {

    public enum Status { DRAFT, PUBLISHED }

    private String divisionCode;
    private int year;
    private InspectionKind kind;
    private String title;
    private List<String> baseIds;
    private String plannedFrom;
    private String plannedTo;
    private String checklistVersion;
    private String notes;
    private Status status;
    private Instant createdAt;
    private String createdBy;
    private Instant publishedAt;
    private String publishedBy;

    protected InspectionPlan() {
    }

    static InspectionPlan draft(String divisionCode, int year, InspectionKind kind, String title, List<String> baseIds,
                                LocalDate plannedFrom, LocalDate plannedTo, String checklistVersion, String notes,
                                String by, Clock clock) {
        if (plannedTo.isBefore(plannedFrom)) {
            throw DomainException.invalidField("plannedTo", Phrase.coded("inspection.plan-ends-before-start",
                    "the plan cannot end before it starts"));
        }
        if (plannedFrom.getYear() != year) {
            throw DomainException.invalidField("plannedFrom", Phrase.coded("inspection.plan-outside-year",
                    "the plan's days lie in its year " + year, year));
        }
        InspectionPlan p = new InspectionPlan();
        p.id = Ids.newId();
        p.divisionCode = divisionCode;
        p.year = year;
        p.kind = kind;
        p.title = title;
        p.baseIds = List.copyOf(baseIds);
        p.plannedFrom = plannedFrom.toString();
        p.plannedTo = plannedTo.toString();
        p.checklistVersion = checklistVersion;
        p.notes = notes;
        p.status = Status.DRAFT;
        p.createdAt = clock.instant();
        p.createdBy = by;
        return p;
    }

    /** Publishes the plan to its bases (印发); once. */
    void publish(String by, Clock clock) {
        if (status != Status.DRAFT) {
            throw DomainException.invalidTransition("inspection plan", status, "published");
        }
        status = Status.PUBLISHED;
        publishedAt = clock.instant();
        publishedBy = by;
    }

    public boolean names(String baseId) {
        return baseIds.contains(baseId);
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public int getYear() {
        return year;
    }

    public InspectionKind getKind() {
        return kind;
    }

    public String getTitle() {
        return title;
    }

    public List<String> getBaseIds() {
        return baseIds;
    }

    public String getPlannedFrom() {
        return plannedFrom;
    }

    public String getPlannedTo() {
        return plannedTo;
    }

    public String getChecklistVersion() {
        return checklistVersion;
    }

    public String getNotes() {
        return notes;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }

    public String getPublishedBy() {
        return publishedBy;
    }
}
