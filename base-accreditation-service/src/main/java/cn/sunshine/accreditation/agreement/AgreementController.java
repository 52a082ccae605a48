package cn.sunshine.accreditation.agreement;

import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.PageResult;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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
@Tag(name = "Agreements", description = "Training-and-transfer agreements per base and year (培训转移协议)")
public class AgreementController {

    private final Agreements agreements;

    public AgreementController(Agreements agreements) {
        this.agreements = agreements;
    }

    @PostMapping("/api/accreditation/agreements")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Propose (and sign for the county) a base's agreement for a year")
    public ResponseEntity<AgreementDtos.AgreementView> propose(@Valid @RequestBody AgreementDtos.ProposeRequest request) {
        return Answers.createdHere(agreements.propose(request), AgreementDtos.AgreementView::of);
    }

    @GetMapping("/api/accreditation/agreements/{agreementId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "An agreement with all its versions")
    public ResponseEntity<AgreementDtos.AgreementView> get(@PathVariable String agreementId) {
        return Answers.ok(agreements.get(agreementId), AgreementDtos.AgreementView::of);
    }

    @GetMapping("/api/accreditation/agreements")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Agreements in your jurisdiction, or your base's")
    public PageResult<AgreementDtos.AgreementView> list(@RequestParam(required = false) String baseId,
                                                        @RequestParam(required = false) Integer year,
                                                        @RequestParam(required = false) Integer page,
                                                        @RequestParam(required = false) Integer size) {
        return agreements.list(baseId, year, page, size).map(AgreementDtos.AgreementView::of);
    }

    @PostMapping("/api/accreditation/agreements/{agreementId}/amendments")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Propose an amendment: a new version; the effective one stays until the base signs")
    public ResponseEntity<AgreementDtos.AgreementView> amend(@PathVariable String agreementId,
                                                             @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                             @Valid @RequestBody AgreementDtos.AmendRequest request) {
        return Answers.ok(agreements.amend(agreementId, ifMatch, request), AgreementDtos.AgreementView::of);
    }

    @PostMapping("/api/accreditation/agreements/{agreementId}/signature")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Sign the proposed version for the base (the base's staff): it takes effect")
    public ResponseEntity<AgreementDtos.AgreementView> sign(@PathVariable String agreementId,
                                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                            @Valid @RequestBody AgreementDtos.SignRequest request) {
        return Answers.ok(agreements.sign(agreementId, ifMatch, request), AgreementDtos.AgreementView::of);
    }
}
