package cn.sunshine.enrollment.klass;

import cn.sunshine.enrollment.base.AccreditedBase;
import cn.sunshine.enrollment.quota.PlaceCounter;
import cn.sunshine.enrollment.quota.Places;
import cn.sunshine.enrollment.support.Access;
import cn.sunshine.platform.usecase.Filters;
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.events.accreditation.AccreditedMajor;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.web.PageResult;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;

/** Use cases of classes: the base reports, the county officer confirms the opening. */
@Service
public class Classes extends UseCase {

    private final Places places;

    public Classes(Changes changes, Places places, Clock clock) {
        super(changes, clock);
        this.places = places;
    }

    public TrainingClass report(ClassDtos.ReportRequest r) {
        CurrentUser user = Jurisdiction.requireRole(Role.BASE_STAFF);
        if (user.baseId() == null) {
            throw new AccessDeniedException("a base staff account names its base");
        }
        AccreditedBase base = mongo.findById(user.baseId(), AccreditedBase.class);
        if (base == null) {
            throw DomainException.rule("base-not-accepting", "The base may not enroll",
                    "enrollment has no accreditation of your base");
        }
        LocalDate today = ProgramCalendar.today(clock);
        AccreditedMajor major = base.major(r.majorCode(), r.plannedStart()).orElseThrow(() -> DomainException.invalidField("majorCode",
                Phrase.coded("enrollment.major-not-accredited",
                    "the base is not accredited for " + r.majorCode(), r.majorCode())));
        if (!base.acceptsEnrollment(r.majorCode(), r.plannedStart()) || !base.acceptsEnrollment(r.majorCode(), today)) {
            throw DomainException.rule("base-not-accepting", "The base may not enroll",
                    "the base is revoked or its accreditation for " + r.majorCode() + " does not cover the class's start");
        }
        if (r.feeFen() > major.feeStandardFen()) {
            throw DomainException.invalidField("feeFen", Phrase.coded("enrollment.fee-over-standard",
                    "must not exceed the accredited fee standard "
                    + major.feeStandardFen() + " fen", major.feeStandardFen()));
        }
        ClassDtos.PlaceRequest p = r.place();
        // The class's id comes from the request's Idempotency-Key when it has one: the report sent again after its
        // process died finds the class it made, and answers it rather than reporting a second one.
        TrainingClass c = TrainingClass.report(cn.sunshine.platform.web.IdempotentRequests.idFor("class"), base.getId(), base.getName(), base.getDivisionCode(), major.majorCode(),
                major.majorName(), r.plannedStart(), r.plannedEnd(),
                new ClassPlace(p.town().trim(), blankToNull(p.village()), p.address().trim(), p.mobile()),
                r.trainingForm(), r.orderEmployer(), r.capacity(), r.feeFen(), today, user.subject(), clock.instant());
        places.setLimit(new PlaceCounter(PlaceCounter.classId(c.getId()), "CLASS", c.getBaseId(), c.getMajorCode(),
                c.getYear(), c.getCapacity(), 0, 0, 0), 1);
        try {
            return store.insert(c);
        } catch (org.springframework.dao.DuplicateKeyException madeByAnEarlierTry) {
            return find(c.getId());
        }
    }

    public TrainingClass open(String id, String ifMatch, ClassDtos.OpeningRequest r) {
        return changes.change(Changes.Ref.of(TrainingClass.class, id).named("class " + id), ifMatch,
                c -> Access.countyOfficerOver(c.getDivisionCode(), "class " + id),
                (TrainingClass c, CurrentUser user) -> c.open(user.subject(), r == null ? null : blankToNull(r.notes()),
                        enrolled(c.getId()), clock.instant()));
    }

    public TrainingClass get(String id) {
        TrainingClass c = find(id);
        Jurisdiction.requireOfficerOrOwnBase(c.getDivisionCode(), c.getBaseId(), "class " + id);
        return c;
    }

    public int enrolled(String classId) {
        return places.find(PlaceCounter.classId(classId)).map(PlaceCounter::taken).orElse(0);
    }

    public PageResult<TrainingClass> list(String baseId, Integer year, TrainingClass.Status status, Integer page,
                                          Integer size) {
        Query query = Filters.within(Jurisdiction.scopeOfficialsOrOwnBase("divisionCode", "baseId")).is("baseId", baseId)
                .is("year", year).is("status", status).query();
        return PageResult.find(mongo, query, TrainingClass.class, page, size, Sort.by(Sort.Direction.DESC, "plannedStart"));
    }

    /** A class without the caller's access check, for other features' use cases that check it themselves. */
    public TrainingClass find(String id) {
        TrainingClass c = mongo.findById(id, TrainingClass.class);
        if (c == null) {
            throw DomainException.notFound("class " + id);
        }
        return c;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
