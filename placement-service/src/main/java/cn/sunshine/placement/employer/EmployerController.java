package cn.sunshine.placement.employer;

import cn.sunshine.placement.placement.PlacementDtos;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.identifiers.CreditCode;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

@RestController
@Tag(name = "Employers", description = "Employers that take trainees (用人单位): public business data")
public class EmployerController {

    public record RegisterRequest(@NotBlank @Size(max = 100) String name,
                                  @NotBlank @Size(min = 18, max = 18) String creditCode,
                                  @NotBlank @Size(min = 6, max = 200) String address,
                                  @NotBlank @Pattern(regexp = PlacementDtos.PHONE, message = "must be a mobile or landline number with area code") String hrPhone) {
    }

    public record UpdateRequest(@NotBlank @Size(max = 100) String name,
                                @NotBlank @Size(min = 6, max = 200) String address,
                                @NotBlank @Pattern(regexp = PlacementDtos.PHONE, message = "must be a mobile or landline number with area code") String hrPhone,
                                @NotBlank @Size(max = 500) String reason) {
    }

    public record EmployerView(String id, long version, String name, String creditCode, String address,
                               String hrPhone, String registeredInDivision, Instant registeredAt, int revision,
                               Employer.Revision lastChange) {
        static EmployerView of(Employer e) {
            List<Employer.Revision> revisions = e.getRevisions();
            Employer.Revision last = revisions.get(revisions.size() - 1);
            return new EmployerView(e.getId(), e.getVersion(), e.getName(), e.getCreditCode(), e.getAddress(),
                    e.getHrPhone(), e.getRegisteredInDivision(), e.getRegisteredAt(), last.number(), last);
        }
    }

    public record RevisionsView(String employerId, String creditCode, String registeredInDivision,
                                List<Employer.Revision> revisions) {
    }

    private static final Role[] EDITORS = {Role.COUNTY_OFFICER, Role.CITY_OFFICER, Role.PROVINCE_OFFICER};

    private static final Role[] EVERYONE_IN_THE_PROGRAM = {Role.PROVINCE_OFFICER, Role.CITY_OFFICER,
            Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF};

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Clock clock;

    public EmployerController(MongoTemplate mongo, AggregateStore store, Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.clock = clock;
    }

    @PostMapping("/api/placement/employers")
    @Allowed({Role.BASE_STAFF, Role.COUNTY_OFFICER})
    @Operation(summary = "Register an employer (one record per unified social credit code)")
    public ResponseEntity<EmployerView> register(@Valid @RequestBody RegisterRequest r) {
        CurrentUser user = Jurisdiction.requireRole(Role.BASE_STAFF, Role.COUNTY_OFFICER);
        String code = r.creditCode().trim().toUpperCase();
        CreditCode.problem(code).ifPresent(problem -> {
            throw DomainException.invalidField("creditCode", problem);
        });
        Employer e = Employer.register(Ids.newId(), r.name().trim(), code, r.address().trim(), r.hrPhone(),
                user.division() == null ? null : user.division().value(), clock.instant(), user.subject());
        try {
            store.insert(e);
        } catch (DuplicateKeyException dup) {
            Employer existing = mongo.findOne(Query.query(Criteria.where("creditCode").is(code)), Employer.class);
            throw DomainException.conflict("employer-exists", "Employer already registered",
                    "the employer with credit code " + code + " is registered as "
                            + (existing == null ? "another record" : existing.getId()));
        }
        return ResponseEntity.created(URI.create("/api/placement/employers/" + e.getId()))
                .eTag(ETags.of(e.getVersion())).body(EmployerView.of(e));
    }

    @GetMapping("/api/placement/employers/{id}")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER,
            Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "An employer")
    public ResponseEntity<EmployerView> get(@PathVariable String id) {
        Jurisdiction.requireRole(EVERYONE_IN_THE_PROGRAM);
        Employer e = find(id);
        return ResponseEntity.ok().eTag(ETags.of(e.getVersion())).body(EmployerView.of(e));
    }

    @GetMapping("/api/placement/employers")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER,
            Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "Employers, by credit code or name")
    public PageResult<EmployerView> list(@RequestParam(required = false) String creditCode,
                                         @RequestParam(required = false) String name,
                                         @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size) {
        Jurisdiction.requireRole(EVERYONE_IN_THE_PROGRAM);
        Criteria c = new Criteria();
        if (creditCode != null) {
            c = Criteria.where("creditCode").is(creditCode.trim().toUpperCase());
        } else if (name != null && !name.isBlank()) {
            c = Criteria.where("name").regex(java.util.regex.Pattern.quote(name.trim()));
        }
        return PageResult.find(mongo, Query.query(c), Employer.class, page, size, Sort.by("name"))
                .map(EmployerView::of);
    }

    @PutMapping("/api/placement/employers/{id}")
    @Allowed({Role.COUNTY_OFFICER, Role.CITY_OFFICER, Role.PROVINCE_OFFICER})
    @Operation(summary = "Correct an employer's name, address or HR phone with a reason (the credit code stays): "
            + "officers of the division that registered it, or the province's; every change is a new revision")
    public ResponseEntity<EmployerView> update(@PathVariable String id,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody UpdateRequest r) {
        CurrentUser user = Jurisdiction.requireRole(EDITORS);
        Employer e = find(id);
        requireKeeper(user, e);
        ETags.requireMatch(ifMatch, e.getVersion(), "employer " + id);
        e.change(r.name().trim(), r.address().trim(), r.hrPhone(), user.subject(), clock.instant(), r.reason().trim());
        store.update(e);
        return ResponseEntity.ok().eTag(ETags.of(e.getVersion())).body(EmployerView.of(e));
    }

    @GetMapping("/api/placement/employers/{id}/revisions")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER,
            Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "Every revision of an employer, oldest first: the values, who, when and why")
    public RevisionsView revisions(@PathVariable String id) {
        Jurisdiction.requireRole(EVERYONE_IN_THE_PROGRAM);
        Employer e = find(id);
        return new RevisionsView(e.getId(), e.getCreditCode(), e.getRegisteredInDivision(), e.getRevisions());
    }

    /**
     * The employer is kept by the division that registered it: its own officers, or the province's.
     * Anyone else (another county, a city, base staff) is refused and the employer stays as it is.
     */
    private static void requireKeeper(CurrentUser user, Employer e) {
        String keeper = e.getRegisteredInDivision();
        boolean own = keeper != null && user.division() != null && keeper.equals(user.division().value());
        boolean province = user.has(Role.PROVINCE_OFFICER) && (keeper == null || user.covers(keeper));
        if (!own && !province) {
            throw new DomainException(403, "outside-jurisdiction", "Outside your jurisdiction",
                    "employer " + e.getId() + " is kept by division " + keeper
                            + "; only its officers or the province's may change it");
        }
    }

    private Employer find(String id) {
        Employer e = mongo.findById(id, Employer.class);
        if (e == null) {
            throw DomainException.notFound("employer " + id);
        }
        return e;
    }
}
