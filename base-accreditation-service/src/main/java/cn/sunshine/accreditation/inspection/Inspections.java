package cn.sunshine.accreditation.inspection;

import cn.sunshine.platform.usecase.Filters;
import cn.sunshine.accreditation.base.Base;
import cn.sunshine.accreditation.base.BaseRepository;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.web.PageResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Use cases of inspections and acceptance (检查验收): the county's plans, its officers' visits with their findings
 * and rectification orders, the bases' self-inspections, the follow-up of the orders until closed (overdue ones
 * first) and the year-end acceptance records. Every change of a stored record goes through {@link Changes}.
 */
@Service
public class Inspections extends UseCase {

    /** A base's reports of a year (self-inspections, acceptances): the latest year first, then by base. */
    private static final Sort LATEST_YEAR_FIRST = Sort.by(Sort.Direction.DESC, "year").and(Sort.by("baseId"));

    private final BaseRepository bases;
    private final Checklists checklists;
    private final InspectionProperties properties;

    public Inspections(Changes changes, BaseRepository bases, Checklists checklists, InspectionProperties properties,
                       Clock clock) {
        super(changes, clock);
        this.bases = bases;
        this.checklists = checklists;
        this.properties = properties;
    }

    // ---- plans ----------------------------------------------------------------------------------------------

    public InspectionPlan draftPlan(InspectionDtos.InspectionPlanRequest r) {
        CurrentUser user = Jurisdiction.officerFor(r.divisionCode());
        List<String> baseIds = r.baseIds().stream().map(String::trim).distinct().toList();
        for (int n = 0; n < baseIds.size(); n++) {
            baseOf(baseIds.get(n), r.divisionCode(), "baseIds[" + n + "]");
        }
        Checklist checklist = checklist(r.checklistVersion());
        return store.insert(InspectionPlan.draft(r.divisionCode(), r.year(), r.kind(), r.title().trim(), baseIds,
                r.plannedFrom(), r.plannedTo(), checklist.version(), blankToNull(r.notes()), user.subject(), clock));
    }

    public InspectionPlan publishPlan(String id, String ifMatch) {
        return changes.change(InspectionPlan.class, id, ifMatch,
                p -> Jurisdiction.officerOver(p.getDivisionCode(), "inspection plan " + id),
                (p, user) -> p.publish(user.subject(), clock));
    }

    /** A plan: officials covering its county; the staff of a base it names once it is published. */
    public InspectionPlan plan(String id) {
        return changes.load(InspectionPlan.class, id, p -> {
            CurrentUser user = Jurisdiction.currentUser();
            boolean ownBase = p.getStatus() == InspectionPlan.Status.PUBLISHED && user.has(Role.BASE_STAFF)
                    && p.names(user.baseId());
            if (!ownBase && !Jurisdiction.readsDivision(user, p.getDivisionCode())) {
                throw DomainException.notFound("inspection plan " + id);
            }
            return user;
        });
    }

    /** Plans of the caller's jurisdiction, or — for base staff — the published ones naming their base. */
    public PageResult<InspectionPlan> plans(Integer year, InspectionKind kind, InspectionPlan.Status status,
                                            Integer page, Integer size) {
        CurrentUser user = Jurisdiction.currentUser();
        Filters filters = user.hasAny(Jurisdiction.OFFICIALS) ? Filters.within(Jurisdiction.scope("divisionCode"))
                : Filters.within(Criteria.where("baseIds").is(Jurisdiction.staffOf(user.baseId()).baseId()))
                        .is("status", InspectionPlan.Status.PUBLISHED);
        return filters.is("year", year).is("kind", kind).is("status", status).page(mongo, InspectionPlan.class, page,
                size, Sort.by(Sort.Direction.DESC, "plannedFrom").and(Sort.by("_id")));
    }

    // ---- visits ---------------------------------------------------------------------------------------------

    /**
     * Records a visit with its findings, and the rectification orders they order (one per finding, its id the
     * finding's; a deadline not given is {@code withinWorkingDays}, or the configured working days, after the visit).
     */
    public InspectionVisit recordVisit(InspectionDtos.VisitRequest r) {
        CurrentUser user = Jurisdiction.requireRole(Jurisdiction.OFFICERS);
        Base base = bases.findById(r.baseId().trim()).filter(b -> user.covers(b.getDivisionCode())).orElseThrow(() ->
                DomainException.invalidField("baseId", Phrase.coded("inspection.base-unknown",
                        "no base of your jurisdiction has this id")));
        InspectionKind kind = r.kind();
        String planId = blankToNull(r.planId());
        String version = r.checklistVersion();
        if (planId != null) {
            InspectionPlan plan = mongo.findById(planId, InspectionPlan.class);
            if (plan == null || !plan.getDivisionCode().equals(base.getDivisionCode()) || !plan.names(base.getId())) {
                throw DomainException.invalidField("planId", Phrase.coded("inspection.plan-unknown",
                        "no plan of the base's county names this base"));
            }
            if (kind != null && kind != plan.getKind()) {
                throw DomainException.invalidField("kind", Phrase.coded("inspection.plan-kind",
                        "the plan is a " + plan.getKind() + " plan", plan.getKind()));
            }
            kind = plan.getKind();
            version = version == null ? plan.getChecklistVersion() : version;
        }
        if (kind == null) {
            throw DomainException.invalidField("kind", Phrase.coded("inspection.kind-required",
                    "say what kind of inspection it was (or name its plan)"));
        }
        if (r.visitedOn().isAfter(ProgramCalendar.today(clock))) {
            throw DomainException.invalidField("visitedOn", Phrase.coded("inspection.visit-in-future",
                    "a visit is recorded once it has taken place"));
        }
        Checklist checklist = checklist(version);
        List<InspectionVisit.NewFinding> findings = new ArrayList<>();
        List<InspectionDtos.FindingDto> given = r.findings() == null ? List.of() : r.findings();
        for (InspectionDtos.FindingDto f : given) {
            InspectionDtos.RectificationDto rect = f.rectification();
            LocalDate deadline = rect == null ? null : rect.deadline() != null ? rect.deadline()
                    : ProgramCalendar.workingDaysAfter(r.visitedOn(), Objects.requireNonNullElse(rect.withinWorkingDays(),
                    properties.rectificationWorkingDays()));
            InspectionDtos.MoneyDto money = f.money();
            findings.add(new InspectionVisit.NewFinding(blankToNull(f.itemCode()), f.description().trim(),
                    rect == null ? null : rect.requirement().trim(), deadline, money == null ? null : money.amountFen(),
                    money == null || money.enrollmentIds() == null ? List.of()
                            : money.enrollmentIds().stream().map(String::trim).distinct().toList(), money != null));
        }
        InspectionVisit visit = InspectionVisit.record(base.getDivisionCode(), base.getId(), base.getName(), planId, kind,
                r.visitedOn(), r.inspectors().stream().map(String::trim).toList(), checklist,
                r.scores().stream().map(InspectionDtos.ItemScoreDto::toScore).toList(), blankToNull(r.summary()), findings,
                user.subject(), clock);
        InspectionVisit stored = store.insert(visit);
        for (RectificationOrder o : stored.rectificationOrders()) {
            try {
                store.insert(o);
            } catch (DuplicateKeyException again) {
                // issued already (the finding's id is the order's)
            }
        }
        return stored;
    }

    public InspectionVisit visit(String id) {
        return readable(InspectionVisit.class, id, "inspection visit");
    }

    public PageResult<InspectionVisit> visits(String baseId, Integer year, InspectionKind kind, Integer page, Integer size) {
        return reach(baseId, year).is("kind", kind).page(mongo, InspectionVisit.class, page, size,
                Sort.by(Sort.Direction.DESC, "visitedOn").and(Sort.by("_id")));
    }

    // ---- rectification orders -------------------------------------------------------------------------------

    public RectificationOrder reportCorrection(String id, String ifMatch, InspectionDtos.CorrectionReportRequest r) {
        return changes.change(RectificationOrder.class, id, ifMatch,
                o -> Jurisdiction.ownBaseStaff(o.getBaseId(), "rectification order " + id),
                (o, user) -> o.report(r.correction().trim(), user.subject(), clock));
    }

    public RectificationOrder closeOrder(String id, String ifMatch, InspectionDtos.ClosureRequest r) {
        return changes.change(RectificationOrder.class, id, ifMatch,
                o -> Jurisdiction.officerOver(o.getDivisionCode(), "rectification order " + id),
                (o, user) -> o.close(r == null ? null : blankToNull(r.note()), user.subject(), clock));
    }

    public RectificationOrder rejectCorrection(String id, String ifMatch, InspectionDtos.RejectionRequest r) {
        return changes.change(RectificationOrder.class, id, ifMatch,
                o -> Jurisdiction.officerOver(o.getDivisionCode(), "rectification order " + id),
                (o, user) -> o.reject(r.reason().trim(), user.subject(), clock));
    }

    public RectificationOrder order(String id) {
        return readable(RectificationOrder.class, id, "rectification order");
    }

    /**
     * Orders of the caller's jurisdiction (base staff: their base's), the nearest deadline first; {@code
     * overdue=true}: those not closed after their deadline, the most overdue first.
     */
    public PageResult<RectificationOrder> orders(String baseId, Integer year, RectificationOrder.Status status,
                                                 Boolean overdue, Integer page, Integer size) {
        Filters filters = reach(baseId, year).is("status", status);
        if (Boolean.TRUE.equals(overdue)) {
            filters.and(Criteria.where("status").ne(RectificationOrder.Status.CLOSED))
                    .and(Criteria.where("deadline").lt(today().toString()));
        }
        return filters.page(mongo, RectificationOrder.class, page, size, Sort.by("deadline", "issuedAt", "_id"));
    }

    // ---- self-inspection ------------------------------------------------------------------------------------

    public SelfInspection submitSelfInspection(InspectionDtos.SelfInspectionRequest r) {
        CurrentUser user = Jurisdiction.staffOf(r.baseId().trim());
        Base base = bases.findById(r.baseId().trim()).orElseThrow(() ->
                DomainException.invalidField("baseId", Phrase.coded("inspection.base-id-unknown", "no base has this id")));
        Checklist checklist = checklist(r.checklistVersion());
        List<SelfInspection.Correction> corrections = new ArrayList<>();
        List<InspectionDtos.CorrectionDto> given = r.corrections() == null ? List.of() : r.corrections();
        for (int n = 0; n < given.size(); n++) {
            InspectionDtos.CorrectionDto c = given.get(n);
            String item = blankToNull(c.itemCode());
            if (item != null && !checklist.has(item)) {
                throw DomainException.invalidField("corrections[" + n + "].itemCode", Phrase.coded("inspection.item-unknown",
                        "item " + item
                        + " is not on checklist " + checklist.version(), item, checklist.version()));
            }
            if (c.correctedOn() != null && c.correctedOn().isAfter(today())) {
                throw DomainException.invalidField("corrections[" + n + "].correctedOn", Phrase.coded("inspection.correction-in-future",
                        "a correction is reported once made"));
            }
            corrections.add(new SelfInspection.Correction(item, c.problem().trim(), c.correction().trim(),
                    c.correctedOn() == null ? null : c.correctedOn().toString()));
        }
        SelfInspection s = SelfInspection.submit(base.getDivisionCode(), base.getId(), base.getName(), r.year(), checklist,
                r.scores().stream().map(InspectionDtos.ItemScoreDto::toScore).toList(), blankToNull(r.summary()),
                corrections, user.subject(), clock);
        try {
            return store.insert(s);
        } catch (DuplicateKeyException again) {
            throw DomainException.conflict("self-inspection-submitted", "Already submitted",
                    "the self-inspection of base " + base.getId() + " for " + r.year() + " was submitted already")
                    .coded("inspection.self-inspection-submitted", r.year());
        }
    }

    public SelfInspection selfInspection(String id) {
        return readable(SelfInspection.class, id, "self-inspection");
    }

    public PageResult<SelfInspection> selfInspections(String baseId, Integer year, Integer page, Integer size) {
        return reach(baseId, year).page(mongo, SelfInspection.class, page, size, LATEST_YEAR_FIRST);
    }

    // ---- acceptance -----------------------------------------------------------------------------------------

    /**
     * Records the base's year-end acceptance from an acceptance visit. The same record sent again (the same visit
     * and conclusion) answers the one recorded; another one for the base's year is 409.
     */
    public AcceptanceRecord recordAcceptance(String visitId, InspectionDtos.AcceptanceRequest r) {
        InspectionVisit v = changes.load(InspectionVisit.class, visitId,
                x -> Jurisdiction.officerOver(x.getDivisionCode(), "inspection visit " + visitId));
        CurrentUser user = Jurisdiction.currentUser();
        String conclusion = r.conclusion().trim();
        AcceptanceRecord record = AcceptanceRecord.of(v, conclusion, user.subject(), clock);
        try {
            return store.insert(record);
        } catch (DuplicateKeyException again) {
            AcceptanceRecord first = mongo.findById(record.getId(), AcceptanceRecord.class);
            if (first != null && first.getVisitId().equals(visitId) && first.getConclusion().equals(conclusion)) {
                return first;
            }
            throw DomainException.conflict("acceptance-recorded", "Already accepted",
                    "the acceptance of base " + v.getBaseId() + " for " + v.getYear() + " is recorded already")
                    .coded("inspection.acceptance-recorded", v.getYear());
        }
    }

    public AcceptanceRecord acceptance(String id) {
        return readable(AcceptanceRecord.class, id, "acceptance record");
    }

    public PageResult<AcceptanceRecord> acceptances(String baseId, Integer year, Boolean passed, Integer page, Integer size) {
        return reach(baseId, year).is("passed", passed).page(mongo, AcceptanceRecord.class, page, size,
                LATEST_YEAR_FIRST);
    }

    // ---- shared ---------------------------------------------------------------------------------------------

    /** Today in the programme's calendar (the views' overdue flag). */
    public LocalDate today() {
        return ProgramCalendar.today(clock);
    }

    /** The checklist version a request names (the current one when none): 400 for one that does not exist. */
    private Checklist checklist(String version) {
        try {
            return checklists.version(version);
        } catch (DomainException notFound) {
            throw DomainException.invalidField("checklistVersion", Phrase.coded("inspection.checklist-unknown",
                    "no checklist has version " + version, version));
        }
    }

    private Base baseOf(String baseId, String divisionCode, String field) {
        return bases.findById(baseId).filter(b -> divisionCode.equals(b.getDivisionCode())).orElseThrow(() ->
                DomainException.invalidField(field, Phrase.coded("inspection.base-not-of-county",
                "no base of county " + divisionCode + " has this id", divisionCode)));
    }

    /**
     * The caller's reach over records of bases (officials: their jurisdiction; base staff: their base), narrowed
     * to the base and year when given.
     */
    private static Filters reach(String baseId, Integer year) {
        return Filters.within(Jurisdiction.scopeOfficialsOrOwnBase("divisionCode", "baseId"))
                .is("baseId", blankToNull(baseId)).is("year", year);
    }

    /** A record of a base the caller may read: the officials covering its county, the base's own staff (404). */
    private <T extends BaseYearRecord> T readable(Class<T> type, String id, String what) {
        return changes.load(type, id, r -> Jurisdiction.requireOfficerOrOwnBase(r.getDivisionCode(), r.getBaseId(),
                what + " " + id));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
