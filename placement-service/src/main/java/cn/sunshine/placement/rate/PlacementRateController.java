package cn.sunshine.placement.rate;

import cn.sunshine.placement.agreement.CommittedRate;
import cn.sunshine.placement.completer.Completer;
import cn.sunshine.placement.placement.Placement;
import cn.sunshine.placement.placement.PlacementStatus;
import cn.sunshine.placement.support.Access;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Placement rate = trainees placed / trainees completed, for a program year and any of class,
 * base, major and county, in integers; the rate is presented in basis points (floor). Where the
 * selection is one base (or one class, hence one base), it is compared with the rate the base
 * committed to in its agreement for the year, and a shortfall is flagged.
 */
@RestController
@Tag(name = "Placement rates", description = "Placed / completed per class, base, major, county and year")
public class PlacementRateController {

    public record RateView(int year, LocalDate completedFrom, LocalDate completedTo, String classId, String baseId, String majorCode, String divisionCode,
                           long completed, long placed, long disproved, Integer rateBp, Integer committedRateBp,
                           Boolean shortfall, Long shortfallTrainees) {
    }

    private final MongoTemplate mongo;

    public PlacementRateController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/api/placement/rates")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER,
            Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "The placement rate of a year's completers (optionally those completed in a period), by class, base, major and county, against the commitment")
    public RateView rate(@RequestParam int year, @RequestParam(required = false) String classId,
                         @RequestParam(required = false) String baseId,
                         @RequestParam(required = false) String majorCode,
                         @RequestParam(required = false) String divisionCode,
                         @RequestParam(required = false) LocalDate completedFrom,
                         @RequestParam(required = false) LocalDate completedTo) {
        if (year < 2000 || year > 2100) {
            throw DomainException.invalidField("year", "must be between 2000 and 2100");
        }
        if (divisionCode != null && !divisionCode.matches("\\d{2}(\\d{2}){0,2}")) {
            throw DomainException.invalidField("divisionCode", "must be a 2-, 4- or 6-digit division code");
        }
        if (completedFrom != null && completedTo != null && completedTo.isBefore(completedFrom)) {
            throw DomainException.invalidField("completedTo", "must not be before completedFrom");
        }
        List<Criteria> and = new ArrayList<>();
        and.add(Access.listScope("baseId", "divisionCode"));
        and.add(Criteria.where("year").is(year));
        if (classId != null) {
            and.add(Criteria.where("classId").is(classId));
        }
        if (baseId != null) {
            and.add(Criteria.where("baseId").is(baseId));
        }
        if (majorCode != null) {
            and.add(Criteria.where("majorCode").is(majorCode));
        }
        if (divisionCode != null) {
            and.add(Criteria.where("divisionCode").regex("^" + divisionCode));
        }
        if (completedFrom != null) {
            and.add(Criteria.where("completedOn").gte(completedFrom));
        }
        if (completedTo != null) {
            and.add(Criteria.where("completedOn").lte(completedTo));
        }
        Criteria selection = new Criteria().andOperator(and);
        long completed = mongo.count(Query.query(selection), Completer.class);
        // a trainee counts once as placed: by the placement published as placed (a re-placement follows it),
        // unless a spot check disproved it
        long placed = mongo.count(Query.query(new Criteria().andOperator(selection, Placement.countsAsPlaced())),
                Placement.class);
        long disproved = mongo.count(Query.query(new Criteria().andOperator(selection,
                Criteria.where("status").is(PlacementStatus.DISPROVED))), Placement.class);
        Integer rateBp = completed == 0 ? null : (int) (placed * 10_000 / completed);

        String base = baseId;
        if (base == null && classId != null) {
            Completer any = mongo.findOne(Query.query(selection), Completer.class);
            base = any == null ? null : any.getBaseId();
        }
        Integer committed = null;
        Boolean shortfall = null;
        Long shortfallTrainees = null;
        if (base != null) {
            CommittedRate c = mongo.findById(CommittedRate.idOf(base, year), CommittedRate.class);
            if (c != null) {
                committed = c.getCommittedPlacementRateBp();
                if (rateBp != null) {
                    shortfall = rateBp < committed;
                    // placements needed to meet the commitment: ceil(committed × completed / 10 000) − placed
                    long needed = (committed * completed + 9_999) / 10_000;
                    shortfallTrainees = Math.max(0, needed - placed);
                }
            }
        }
        return new RateView(year, completedFrom, completedTo, classId, baseId, majorCode, divisionCode, completed, placed, disproved, rateBp, committed,
                shortfall, shortfallTrainees);
    }
}
