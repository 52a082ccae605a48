package cn.sunshine.subsidy.base;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.subsidy.base.BaseDtos.BaseStandingView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Bases", description = "Whether money may go to a base")
public class AccreditedBaseController {

    private final AccreditedBases standings;

    public AccreditedBaseController(AccreditedBases standings) {
        this.standings = standings;
    }

    @GetMapping("/api/subsidy/bases/{baseId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A base's payment standing (held after a revocation)")
    public BaseStandingView get(@PathVariable String baseId) {
        return BaseStandingView.of(standings.get(baseId));
    }
}
