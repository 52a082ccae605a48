package cn.sunshine.accreditation.inspection;

import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Validated
@Tag(name = "Inspections", description = "Inspection plans and visits, rectification orders, self-inspection and "
        + "year-end acceptance (检查验收)")
public class InspectionController {

    private static final String API = "/api/accreditation";

    private final Inspections inspections;
    private final Checklists checklists;

    public InspectionController(Inspections inspections, Checklists checklists) {
        this.inspections = inspections;
        this.checklists = checklists;
    }

    @GetMapping(API + "/inspection-checklists")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "The versions of the province's acceptance rules (检查验收办法): scored items in groups and "
            + "the passing score; current names the version new visits score against")
    public ChecklistsView checklists() {
        return new ChecklistsView(checklists.current().version(), checklists.all());
    }

    @GetMapping(API + "/inspection-checklists/{version}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "One version of the acceptance rules")
    public Checklist checklist(@PathVariable String version) {
        return checklists.version(version);
    }

    // ---- plans ----------------------------------------------------------------------------------------------

    @PostMapping(API + "/inspection-plans")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Draft the county's inspection plan (检查计划): which bases, which kind, the planned days; "
            + "takes an Idempotency-Key")
    public ResponseEntity<InspectionDtos.PlanView> draftPlan(@Valid @RequestBody InspectionDtos.InspectionPlanRequest request) {
        return Answers.created(API + "/inspection-plans/{id}", inspections.draftPlan(request),
                InspectionDtos.PlanView::of);
    }

    @PostMapping(API + "/inspection-plans/{planId}/publication")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Publish the plan to its bases (印发); takes If-Match")
    public ResponseEntity<InspectionDtos.PlanView> publishPlan(@PathVariable String planId,
                                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return Answers.ok(inspections.publishPlan(planId, ifMatch), InspectionDtos.PlanView::of);
    }

    @GetMapping(API + "/inspection-plans")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Plans of your jurisdiction; base staff: the published ones naming their base")
    public PageResult<InspectionDtos.PlanView> plans(@RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
                                                     @RequestParam(required = false) InspectionKind kind,
                                                     @RequestParam(required = false) InspectionPlan.Status status,
                                                     @RequestParam(required = false) Integer page,
                                                     @RequestParam(required = false) Integer size) {
        return inspections.plans(year, kind, status, page, size).map(InspectionDtos.PlanView::of);
    }

    @GetMapping(API + "/inspection-plans/{planId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A plan (base staff: a published one naming their base)")
    public ResponseEntity<InspectionDtos.PlanView> plan(@PathVariable String planId) {
        return Answers.ok(inspections.plan(planId), InspectionDtos.PlanView::of);
    }

    // ---- visits ---------------------------------------------------------------------------------------------

    @PostMapping(API + "/inspection-visits")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Record an inspection visit: each checklist item's score and remark, the findings; a finding "
            + "with a rectification issues a rectification order (its id the finding's), one involving money is "
            + "sent to subsidy for recovery; takes an Idempotency-Key")
    public ResponseEntity<InspectionDtos.VisitView> recordVisit(@Valid @RequestBody InspectionDtos.VisitRequest request) {
        return Answers.created(API + "/inspection-visits/{id}", inspections.recordVisit(request),
                InspectionDtos.VisitView::of);
    }

    @GetMapping(API + "/inspection-visits")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Visits of your jurisdiction (base staff: of their base), the latest first")
    public PageResult<InspectionDtos.VisitView> visits(@RequestParam(required = false) String baseId,
                                                       @RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
                                                       @RequestParam(required = false) InspectionKind kind,
                                                       @RequestParam(required = false) Integer page,
                                                       @RequestParam(required = false) Integer size) {
        return inspections.visits(baseId, year, kind, page, size).map(InspectionDtos.VisitView::of);
    }

    @GetMapping(API + "/inspection-visits/{visitId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A visit")
    public ResponseEntity<InspectionDtos.VisitView> visit(@PathVariable String visitId) {
        return Answers.ok(inspections.visit(visitId), InspectionDtos.VisitView::of);
    }

    @PostMapping(API + "/inspection-visits/{visitId}/acceptance")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Record the base's year-end acceptance (年终验收) from this acceptance visit: its score, "
            + "passed or failed, the conclusion; 422 for a visit of another kind, 409 when the year is accepted already")
    public ResponseEntity<InspectionDtos.AcceptanceView> recordAcceptance(@PathVariable String visitId,
                                                                          @Valid @RequestBody InspectionDtos.AcceptanceRequest request) {
        return Answers.created(API + "/acceptance-records/{id}", inspections.recordAcceptance(visitId, request),
                InspectionDtos.AcceptanceView::of);
    }

    // ---- rectification orders -------------------------------------------------------------------------------

    @GetMapping(API + "/rectification-orders")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Rectification orders of your jurisdiction (base staff: of their base), the nearest deadline "
            + "first; overdue=true: those not closed after their deadline, the most overdue first")
    public PageResult<InspectionDtos.OrderView> orders(@RequestParam(required = false) String baseId,
                                                       @RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
                                                       @RequestParam(required = false) RectificationOrder.Status status,
                                                       @RequestParam(required = false) Boolean overdue,
                                                       @RequestParam(required = false) Integer page,
                                                       @RequestParam(required = false) Integer size) {
        var today = inspections.today();
        return inspections.orders(baseId, year, status, overdue, page, size).map(o -> InspectionDtos.OrderView.of(o, today));
    }

    @GetMapping(API + "/rectification-orders/{orderId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A rectification order, overdue when not closed after its deadline")
    public ResponseEntity<InspectionDtos.OrderView> order(@PathVariable String orderId) {
        return answer(inspections.order(orderId));
    }

    @PostMapping(API + "/rectification-orders/{orderId}/report")
    @Allowed(Role.BASE_STAFF)
    @Operation(summary = "The base reports the correction made (整改报告); takes If-Match")
    public ResponseEntity<InspectionDtos.OrderView> report(@PathVariable String orderId,
                                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                           @Valid @RequestBody InspectionDtos.CorrectionReportRequest request) {
        return answer(inspections.reportCorrection(orderId, ifMatch, request));
    }

    @PostMapping(API + "/rectification-orders/{orderId}/closure")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "The officer verifies the reported correction and closes the order (销号); takes If-Match")
    public ResponseEntity<InspectionDtos.OrderView> close(@PathVariable String orderId,
                                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                          @Valid @RequestBody(required = false) InspectionDtos.ClosureRequest request) {
        return answer(inspections.closeOrder(orderId, ifMatch, request));
    }

    @PostMapping(API + "/rectification-orders/{orderId}/rejection")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "The officer finds the correction not made: the order is open again, its deadline kept; "
            + "takes If-Match")
    public ResponseEntity<InspectionDtos.OrderView> reject(@PathVariable String orderId,
                                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                           @Valid @RequestBody InspectionDtos.RejectionRequest request) {
        return answer(inspections.rejectCorrection(orderId, ifMatch, request));
    }

    // ---- self-inspection ------------------------------------------------------------------------------------

    @PostMapping(API + "/self-inspections")
    @Allowed(Role.BASE_STAFF)
    @Operation(summary = "The base's self-inspection report of a year (自查自纠): scores against the checklist and the "
            + "corrections made; once per base and year (409 after); takes an Idempotency-Key")
    public ResponseEntity<InspectionDtos.SelfInspectionView> submit(@Valid @RequestBody InspectionDtos.SelfInspectionRequest request) {
        return Answers.created(API + "/self-inspections/{id}", inspections.submitSelfInspection(request),
                InspectionDtos.SelfInspectionView::of);
    }

    @GetMapping(API + "/self-inspections")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Self-inspection reports of your jurisdiction (base staff: of their base)")
    public PageResult<InspectionDtos.SelfInspectionView> selfInspections(@RequestParam(required = false) String baseId,
                                                                         @RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
                                                                         @RequestParam(required = false) Integer page,
                                                                         @RequestParam(required = false) Integer size) {
        return inspections.selfInspections(baseId, year, page, size).map(InspectionDtos.SelfInspectionView::of);
    }

    @GetMapping(API + "/self-inspections/{id}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A self-inspection report ({baseId}:{year})")
    public ResponseEntity<InspectionDtos.SelfInspectionView> selfInspection(@PathVariable String id) {
        return Answers.ok(inspections.selfInspection(id), InspectionDtos.SelfInspectionView::of);
    }

    // ---- acceptance records ---------------------------------------------------------------------------------

    @GetMapping(API + "/acceptance-records")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Year-end acceptance records of your jurisdiction (base staff: of their base)")
    public PageResult<InspectionDtos.AcceptanceView> acceptances(@RequestParam(required = false) String baseId,
                                                                 @RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
                                                                 @RequestParam(required = false) Boolean passed,
                                                                 @RequestParam(required = false) Integer page,
                                                                 @RequestParam(required = false) Integer size) {
        return inspections.acceptances(baseId, year, passed, page, size).map(InspectionDtos.AcceptanceView::of);
    }

    @GetMapping(API + "/acceptance-records/{id}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A base's acceptance record of a year ({baseId}:{year})")
    public ResponseEntity<InspectionDtos.AcceptanceView> acceptance(@PathVariable String id) {
        return Answers.ok(inspections.acceptance(id), InspectionDtos.AcceptanceView::of);
    }

    /** The checklists' versions and the current one. */
    public record ChecklistsView(String current, List<Checklist> versions) {
    }

    private ResponseEntity<InspectionDtos.OrderView> answer(RectificationOrder o) {
        return Answers.ok(o, order -> InspectionDtos.OrderView.of(order, inspections.today()));
    }
}
