package cn.sunshine.placement.monitoring;

import cn.sunshine.placement.monitoring.MonitoringDtos.CorrectionRequest;
import cn.sunshine.placement.monitoring.MonitoringDtos.FiguresRequest;
import cn.sunshine.placement.monitoring.MonitoringDtos.NeedRequest;
import cn.sunshine.placement.monitoring.MonitoringDtos.PointView;
import cn.sunshine.placement.monitoring.MonitoringDtos.PointRequest;
import cn.sunshine.placement.monitoring.MonitoringDtos.ReturnRequest;
import cn.sunshine.placement.monitoring.MonitoringDtos.SurveyCorrectionRequest;
import cn.sunshine.placement.monitoring.MonitoringDtos.SurveyRequest;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.identifiers.Disclosure;
import cn.sunshine.platform.identifiers.DivisionCode;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.Filters;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.web.PageResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Use cases of the monitoring points: the county officer registers and retires a village's point, records its
 * quarterly returns (and corrects them) and its yearly training-needs survey; the officials covering the village
 * read them. A record outside the caller's jurisdiction is not found (404).
 */
@Service
public class Monitoring extends UseCase {

    private final MonitorPhones phones;

    public Monitoring(Changes changes, Clock clock, MonitorPhones phones) {
        super(changes, clock);
        this.phones = phones;
    }

    // ---- points

    public MonitoringPoint register(PointRequest r) {
        Jurisdiction.requireRole(Role.COUNTY_OFFICER);
        if (DivisionCode.of(r.divisionCode()).level() != DivisionCode.Level.COUNTY) {
            throw DomainException.invalidField("divisionCode", Phrase.coded("monitoring.county-code",
                    "must be a county's division code (e.g. 420981)"));
        }
        CurrentUser officer = Jurisdiction.officerFor(r.divisionCode());
        MonitoringPoint p = MonitoringPoint.register(Ids.newId(), r.divisionCode(), r.town().trim(), r.village().trim(),
                r.monitor().name().trim(), phones.seal(r.monitor().phone()), officer.subject(), clock.instant());
        try {
            return store.insert(p);
        } catch (DuplicateKeyException dup) {
            MonitoringPoint existing = mongo.findOne(Query.query(Criteria.where("villageKey")
                    .is(MonitoringPoint.keyOf(r.divisionCode(), r.town().trim(), r.village().trim()))), MonitoringPoint.class);
            throw DomainException.conflict("monitoring-point-exists", "The village is a monitoring point already",
                    r.town().trim() + r.village().trim() + " is registered as monitoring point "
                            + (existing == null ? "(another record)" : existing.getId()));
        }
    }

    public MonitoringPoint point(String id) {
        return changes.load(MonitoringPoint.class, id, p -> reader(p.getDivisionCode(), "monitoring point " + id));
    }

    public PageResult<MonitoringPoint> points(String division, MonitoringPoint.Status status, Integer page, Integer size) {
        Jurisdiction.requireRole(Jurisdiction.OFFICIALS);
        if (division != null) {
            divisionPrefix(division); // a malformed division is refused as this service words it
        }
        return Filters.within(Jurisdiction.scope("divisionCode")).under(division).is("status", status)
                .page(mongo, MonitoringPoint.class, page, size, Sort.by("divisionCode", "town", "village", "_id"));
    }

    public MonitoringPoint retire(String id, String ifMatch, String reason) {
        return changes.change(MonitoringPoint.class, id, ifMatch, p -> countyOfficer(p.getDivisionCode(), "monitoring point " + id),
                (MonitoringPoint p, CurrentUser user) -> p.retire(reason.trim(), user.subject(), clock.instant()));
    }

    /** The point as the caller sees it: the monitor's phone whole only when {@code whole} and the caller is its county's officer. */
    public PointView view(MonitoringPoint p, boolean whole) {
        CurrentUser user = Jurisdiction.currentUser();
        Disclosure d = whole && user.has(Role.COUNTY_OFFICER) && user.covers(p.getDivisionCode())
                ? Disclosure.WHOLE : Disclosure.MASKED;
        return new PointView(p.getId(), p.getVersion(), p.getDivisionCode(), p.getTown(), p.getVillage(),
                p.getMonitorName(), d.phone(phones.open(p.getMonitorPhone())), p.getStatus(), p.getRegisteredAt(),
                p.getRegisteredBy(), p.getRetiredAt(), p.getRetiredBy(), p.getRetirementReason());
    }

    // ---- quarterly returns

    public LabourReturn recordReturn(String pointId, ReturnRequest r) {
        MonitoringPoint point = changes.load(MonitoringPoint.class, pointId,
                p -> countyOfficer(p.getDivisionCode(), "monitoring point " + pointId));
        LocalDate firstDay = LocalDate.of(r.year(), (r.quarter() - 1) * 3 + 1, 1);
        if (ProgramCalendar.today(clock).isBefore(firstDay)) {
            throw new DomainException(422, "quarter-not-begun", "The quarter has not begun",
                    "quarter " + r.year() + "-Q" + r.quarter() + " begins on " + firstDay,
                    List.of(DomainException.FieldError.coded("quarter", "monitoring.quarter-begins",
                            "begins on " + firstDay, firstDay)));
        }
        Figures figures = figures(r.figures());
        LabourReturn labourReturn = LabourReturn.record(point, r.year(), r.quarter(), figures,
                Jurisdiction.currentUser().subject(), clock.instant());
        try {
            return store.insert(labourReturn);
        } catch (DuplicateKeyException dup) {
            throw DomainException.conflict("return-exists", "The quarter's return is recorded",
                    "the return of " + point.getVillage() + " for " + r.year() + "-Q" + r.quarter()
                            + " is recorded: correct it with PUT /api/placement/monitoring-points/" + pointId
                            + "/returns/" + r.year() + "/" + r.quarter() + " and If-Match");
        }
    }

    public LabourReturn correctReturn(String pointId, int year, int quarter, String ifMatch, CorrectionRequest r) {
        MonitoringPoint point = changes.load(MonitoringPoint.class, pointId,
                p -> countyOfficer(p.getDivisionCode(), "monitoring point " + pointId));
        checkQuarter(quarter);
        Figures figures = figures(r.figures());
        String id = LabourReturn.idOf(pointId, year, quarter);
        return changes.change(LabourReturn.class, id, ifMatch, x -> countyOfficer(x.getDivisionCode(), "return " + id),
                (LabourReturn x, CurrentUser user) -> x.correct(point, figures, user.subject(), clock.instant(), r.reason().trim()));
    }

    public LabourReturn labourReturn(String pointId, int year, int quarter) {
        checkQuarter(quarter);
        String id = LabourReturn.idOf(pointId, year, quarter);
        return changes.load(LabourReturn.class, id, x -> reader(x.getDivisionCode(), "return " + id));
    }

    public List<LabourReturn> returns(String pointId, Integer year) {
        point(pointId);
        Criteria c = Criteria.where("pointId").is(pointId);
        if (year != null) {
            c = c.and("year").is(year);
        }
        return mongo.find(Query.query(c).with(Sort.by("year", "quarter")), LabourReturn.class);
    }

    // ---- training-needs surveys

    public NeedsSurvey recordSurvey(String pointId, SurveyRequest r) {
        MonitoringPoint point = changes.load(MonitoringPoint.class, pointId,
                p -> countyOfficer(p.getDivisionCode(), "monitoring point " + pointId));
        List<NeedsSurvey.Need> needs = needs(r.needs());
        checkSurveyDate(r.surveyedOn(), r.year());
        NeedsSurvey s = NeedsSurvey.record(point, r.year(), r.surveyedOn(), needs, Jurisdiction.currentUser().subject(),
                clock.instant());
        try {
            return store.insert(s);
        } catch (DuplicateKeyException dup) {
            throw DomainException.conflict("survey-exists", "The year's survey is recorded",
                    "the training-needs survey of " + point.getVillage() + " for " + r.year()
                            + " is recorded: correct it with PUT /api/placement/monitoring-points/" + pointId
                            + "/needs-surveys/" + r.year() + " and If-Match");
        }
    }

    public NeedsSurvey correctSurvey(String pointId, int year, String ifMatch, SurveyCorrectionRequest r) {
        MonitoringPoint point = changes.load(MonitoringPoint.class, pointId,
                p -> countyOfficer(p.getDivisionCode(), "monitoring point " + pointId));
        List<NeedsSurvey.Need> needs = needs(r.needs());
        checkSurveyDate(r.surveyedOn(), year);
        String id = NeedsSurvey.idOf(pointId, year);
        return changes.change(NeedsSurvey.class, id, ifMatch, x -> countyOfficer(x.getDivisionCode(), "survey " + id),
                (NeedsSurvey x, CurrentUser user) -> x.correct(point, r.surveyedOn(), needs, user.subject(),
                        clock.instant(), r.reason().trim()));
    }

    public NeedsSurvey survey(String pointId, int year) {
        String id = NeedsSurvey.idOf(pointId, year);
        return changes.load(NeedsSurvey.class, id, x -> reader(x.getDivisionCode(), "survey " + id));
    }

    // ---- rules shared by the use cases (and the trends)

    /** {@code 420981} → itself, {@code 420900} → {@code 4209}, {@code 420000} → {@code 42}; 400 for a malformed code. */
    static String divisionPrefix(String division) {
        if (!DivisionCode.isValid(division)) {
            throw DomainException.invalidField("division", Phrase.coded("monitoring.division-code",
                    "must be a 6-digit division code, e.g. 420981"));
        }
        return DivisionCode.of(division).prefix();
    }

    private static CurrentUser reader(String division, String what) {
        return Jurisdiction.roleOver(division, what, Jurisdiction.OFFICIALS);
    }

    private static CurrentUser countyOfficer(String division, String what) {
        return Jurisdiction.roleOver(division, what, Role.COUNTY_OFFICER);
    }

    private static void checkQuarter(int quarter) {
        if (quarter < 1 || quarter > 4) {
            throw DomainException.invalidField("quarter", Phrase.coded("monitoring.quarter",
                    "must be 1, 2, 3 or 4"));
        }
    }

    private static Figures figures(FiguresRequest f) {
        Map<String, Integer> sectors = new LinkedHashMap<>();
        if (f.sectors() != null) {
            for (Map.Entry<String, Integer> e : f.sectors().entrySet()) {
                String field = "figures.sectors." + e.getKey();
                try {
                    Figures.Sector.valueOf(e.getKey());
                } catch (IllegalArgumentException unknown) {
                    throw DomainException.invalidField(field, Phrase.coded("monitoring.sector",
                    "is not a sector: MANUFACTURING, CONSTRUCTION, SERVICES, "
                            + "TRANSPORT or OTHER"));
                }
                if (e.getValue() == null || e.getValue() < 0) {
                    throw DomainException.invalidField(field, Phrase.coded("monitoring.not-negative",
                    "must be 0 or more"));
                }
                sectors.put(e.getKey(), e.getValue());
            }
        }
        return new Figures(f.labourers(), f.male(), f.female(), f.transferred(), f.newlyTransferred(),
                f.destinations().inCounty(), f.destinations().inProvince(), f.destinations().outOfProvince(), sectors,
                f.returnedHome());
    }

    private static List<NeedsSurvey.Need> needs(List<NeedRequest> requested) {
        Set<String> seen = new HashSet<>();
        List<NeedsSurvey.Need> needs = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            NeedRequest n = requested.get(i);
            if (!seen.add(n.majorCode())) {
                throw DomainException.invalidField("needs[" + i + "].majorCode", Phrase.coded("monitoring.need-twice",
                    n.majorCode() + " is listed twice", n.majorCode()));
            }
            needs.add(new NeedsSurvey.Need(n.majorCode(), n.majorName().trim(), n.headCount()));
        }
        return needs;
    }

    private void checkSurveyDate(LocalDate on, int year) {
        if (on.getYear() != year) {
            throw DomainException.invalidField("surveyedOn", Phrase.coded("monitoring.survey-year",
                    "must lie in " + year, year));
        }
        if (on.isAfter(ProgramCalendar.today(clock))) {
            throw DomainException.invalidField("surveyedOn", Phrase.coded("monitoring.survey-in-future",
                    "must not be in the future"));
        }
    }
}
