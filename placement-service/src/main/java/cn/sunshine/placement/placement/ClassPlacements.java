package cn.sunshine.placement.placement;

import cn.sunshine.placement.completer.Completer;
import cn.sunshine.placement.placement.PlacementDtos.PlaceRequest;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A class's placements reported in one request (the base's employment roster of the class, 就业台账): each
 * entry by the single placement's rules ({@link Placements#place}). Every entry is checked first — a completer
 * of this class at the caller's base, named once, the start date, the employer — and a batch with any bad row
 * changes nothing. Then each placement is inserted on its own, by the single endpoint's write (and event).
 * There is no transaction over the batch, so it is repeatable: a trainee whose first placement already stands
 * with exactly the entry's employer, job, wage and start date counts as already done.
 */
@Service
public class ClassPlacements extends UseCase {

    /** A bad entry: {@code row} counts the entries from 1. */
    public record RowError(int row, String enrollmentId, String field, String message) {
    }

    /** What was placed now, what was already, the placement ids in the order sent; or every bad row. */
    public record Result(int placed, int alreadyDone, List<String> placementIds, List<RowError> errors) {
    }

    private final Placements placements;

    public ClassPlacements(Changes changes, Clock clock, Placements placements) {
        super(changes, clock);
        this.placements = placements;
    }

    public Result place(String classId, List<PlaceRequest> entries) {
        CurrentUser staff = Jurisdiction.requireRole(Role.BASE_STAFF);
        Map<String, Completer> completers = new HashMap<>();
        for (Completer c : mongo.find(Query.query(Criteria.where("classId").is(classId)), Completer.class)) {
            completers.put(c.getId(), c);
        }
        if (completers.values().stream().noneMatch(c -> c.getBaseId().equals(staff.baseId()))) {
            throw DomainException.notFound("class " + classId);
        }
        LocalDate latestStart = ProgramCalendar.today(clock).plusDays(Placements.START_AHEAD_DAYS);
        List<RowError> errors = new ArrayList<>();
        List<PlaceRequest> toPlace = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int alreadyDone = 0;
        for (int i = 0; i < entries.size(); i++) {
            int row = i + 1;
            PlaceRequest r = entries.get(i);
            String enrollmentId = r.enrollmentId().trim();
            ids.add(Placement.idOf(enrollmentId, 1));
            if (!seen.add(enrollmentId)) {
                errors.add(new RowError(row, enrollmentId, "enrollmentId", "the trainee appears in an earlier row"));
                continue;
            }
            Completer completer = completers.get(enrollmentId);
            if (completer == null || !completer.getBaseId().equals(staff.baseId())) {
                errors.add(new RowError(row, enrollmentId, "enrollmentId",
                        "is not a completer of this class at your base: only trainees who completed can be placed"));
                continue;
            }
            if (r.replacesPlacementId() != null && !r.replacesPlacementId().isBlank()) {
                errors.add(new RowError(row, enrollmentId, "replacesPlacementId",
                        "a re-placement is reported on its own (POST /api/placement/placements)"));
                continue;
            }
            if (r.startDate().isAfter(latestStart)) {
                errors.add(new RowError(row, enrollmentId, "startDate",
                        "must be within " + Placements.START_AHEAD_DAYS + " days from today"));
                continue;
            }
            EmployerTerms employer;
            try {
                employer = placements.employerOf(r);
            } catch (DomainException bad) {
                errors.add(new RowError(row, enrollmentId, bad.errors().isEmpty() ? "employer" : bad.errors().get(0).field(),
                        bad.errors().isEmpty() ? bad.getMessage() : bad.errors().get(0).message()));
                continue;
            }
            Placement first = mongo.findById(Placement.idOf(enrollmentId, 1), Placement.class);
            if (first != null) {
                if (sameAs(first, r, employer)) {
                    alreadyDone++;
                } else {
                    errors.add(new RowError(row, enrollmentId, "enrollmentId", "the trainee already has a placement: "
                            + "a new job is a re-placement naming it, reported on its own"));
                }
                continue;
            }
            toPlace.add(r);
        }
        if (!errors.isEmpty()) {
            return new Result(0, 0, ids, errors);
        }
        int placed = 0;
        for (PlaceRequest r : toPlace) {
            // The single endpoint's rules and write (and event); a trainee placed meanwhile by another request
            // stops the batch with its 409, and sending the batch again finishes it.
            placements.place(r, staff);
            placed++;
        }
        return new Result(placed, alreadyDone, ids, List.of());
    }

    private static boolean sameAs(Placement p, PlaceRequest r, EmployerTerms employer) {
        return p.getEmployer() != null && employer.creditCode().equals(p.getEmployer().creditCode())
                && r.job().trim().equals(p.getJob()) && r.monthlyWageFen() == p.getMonthlyWageFen()
                && r.startDate().equals(p.getStartDate());
    }
}
