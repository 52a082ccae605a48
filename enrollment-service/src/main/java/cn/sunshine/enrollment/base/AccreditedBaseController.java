package cn.sunshine.enrollment.base;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Bases", description = "Training bases as enrollment knows them (from accreditation events)")
public class AccreditedBaseController {

    private final AccreditedBases bases;

    public AccreditedBaseController(AccreditedBases bases) {
        this.bases = bases;
    }

    @GetMapping("/api/enrollment/bases/{baseId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A base's enrollment standing: its majors and whether it may enroll")
    public BaseDtos.AccreditedBaseView get(@PathVariable String baseId) {
        return bases.get(baseId);
    }

    @GetMapping("/api/enrollment/bases")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "Bases in your jurisdiction, as enrollment knows them")
    public PageResult<BaseDtos.AccreditedBaseView> list(@RequestParam(required = false) Integer page,
                                                        @RequestParam(required = false) Integer size) {
        return bases.list(page, size);
    }
}
