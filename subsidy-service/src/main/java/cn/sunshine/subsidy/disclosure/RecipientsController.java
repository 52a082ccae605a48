package cn.sunshine.subsidy.disclosure;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.identifiers.DivisionCode;
import cn.sunshine.platform.security.PublicEndpoint;
import cn.sunshine.platform.web.PageResult;
import cn.sunshine.subsidy.disclosure.DisclosureDtos.Recipient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 公示: the subsidised trainees of each base and class, readable without a token ({@link Recipients}). */
@RestController
@Tag(name = "Public notice", description = "Subsidised trainees per base and class (五公开)")
public class RecipientsController {

    private final Recipients recipients;

    public RecipientsController(Recipients recipients) {
        this.recipients = recipients;
    }

    @GetMapping("/api/public/subsidy/recipients")
    @PublicEndpoint
    @Operation(summary = "Subsidised trainees of a county (and base or class), with masked ID numbers, amounts paid, "
            + "recovered and net")
    public PageResult<Recipient> recipients(@RequestParam(required = false) String divisionCode,
                                            @RequestParam(required = false) String baseId,
                                            @RequestParam(required = false) String classId,
                                            @RequestParam(required = false) Integer year,
                                            @RequestParam(required = false) Integer page,
                                            @RequestParam(required = false) Integer size) {
        if (divisionCode == null || !DivisionCode.isValid(divisionCode)) {
            throw DomainException.invalidField("divisionCode", Phrase.coded("subsidy.county-code",
                    "a county's 6-digit division code"));
        }
        return recipients.page(divisionCode, baseId, classId, year, page, size);
    }
}
