package cn.sunshine.accreditation.tender;

import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.PageResult;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
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

@RestController
@Validated
@Tag(name = "Tenders", description = "Tender notices for training bases (招标公告)")
public class TenderController {

    private final Tenders tenders;

    public TenderController(Tenders tenders) {
        this.tenders = tenders;
    }

    @PostMapping("/api/accreditation/tenders")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Draft a tender notice (county or city officer of its division)")
    public ResponseEntity<TenderDtos.TenderView> draft(@Valid @RequestBody TenderDtos.DraftTenderRequest request) {
        return Answers.createdHere(tenders.draft(request), this::view);
    }

    @GetMapping("/api/accreditation/tenders/{tenderId}")
    @Allowed(value = Role.EXPERT_REVIEWER, groups = Roles.OFFICIALS)
    @Operation(summary = "A tender, for officers covering its division and the reviewers on its panel")
    public ResponseEntity<TenderDtos.TenderView> get(@PathVariable String tenderId) {
        return Answers.ok(tenders.readable(tenderId), this::view);
    }

    @GetMapping("/api/accreditation/tenders")
    @Allowed(value = Role.EXPERT_REVIEWER, groups = Roles.OFFICIALS)
    @Operation(summary = "Tenders in your jurisdiction (officers) or that you review (experts)")
    public PageResult<TenderDtos.TenderView> list(
            @RequestParam(required = false) @Pattern(regexp = "[1-9]\\d{5}", message = "must be a 6-digit division code") String division,
            @RequestParam(required = false) Integer year, @RequestParam(required = false) TenderStatus status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return tenders.list(division, year, status, page, size).map(this::view);
    }

    @PostMapping("/api/accreditation/tenders/{tenderId}/publication")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Publish the tender notice; takes If-Match")
    public ResponseEntity<TenderDtos.TenderView> publish(@PathVariable String tenderId,
                                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return Answers.ok(tenders.publish(tenderId, ifMatch), this::view);
    }

    @GetMapping("/api/public/accreditation/tenders")
    @PublicEndpoint
    @Operation(summary = "Published tender notices (public, no token)")
    public PageResult<TenderDtos.PublicTenderView> publicList(
            @RequestParam(required = false) @Pattern(regexp = "[1-9]\\d{5}", message = "must be a 6-digit division code") String division,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return tenders.publicList(division, year, page, size).map(this::publicView);
    }

    @GetMapping("/api/public/accreditation/tenders/{tenderId}")
    @PublicEndpoint
    @Operation(summary = "A published tender notice (public, no token)")
    public TenderDtos.PublicTenderView publicGet(@PathVariable String tenderId) {
        return publicView(tenders.publicGet(tenderId));
    }

    private TenderDtos.TenderView view(Tender t) {
        return TenderDtos.TenderView.of(t, tenders.stage(t), tenders.outcome(t.getId()).noticeId());
    }

    private TenderDtos.PublicTenderView publicView(Tender t) {
        return TenderDtos.PublicTenderView.of(t, tenders.stage(t), tenders.outcome(t.getId()).noticeId());
    }
}
