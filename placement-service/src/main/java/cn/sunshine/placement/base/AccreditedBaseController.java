package cn.sunshine.placement.base;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.placement.base.BaseDtos.PlacementBaseView;
import cn.sunshine.platform.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;


@RestController
@Tag(name = "Bases", description = "Training bases as placement knows them")
public class AccreditedBaseController {

    private final AccreditedBases bases;

    public AccreditedBaseController(AccreditedBases bases) {
        this.bases = bases;
    }


    @GetMapping("/api/placement/bases/{baseId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A base as placement knows it")
    public PlacementBaseView get(@PathVariable String baseId) {
        return PlacementBaseView.of(bases.get(baseId));
    }
}
