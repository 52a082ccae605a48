package cn.sunshine.accreditation.progress;

import cn.sunshine.platform.progress.ProgressQuery;
import cn.sunshine.platform.progress.ProgressView;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;


@RestController
@Validated
@Tag(name = "Progress", description = "This service's figures for the progress reports (进度报告) the gateway composes")
public class ProgressController {

    private final ProgressFigures figures;

    public ProgressController(ProgressFigures figures) {
        this.figures = figures;
    }

    @GetMapping("/api/accreditation/progress")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "Quota received, committed placement rate (basis points, weighted by agreed quota), bases "
            + "accredited, complaints received and substantiated, and inspection findings, for a division in your jurisdiction and an inclusive period (dates in Asia/Shanghai)")
    public ProgressView progress(
            @Valid @ParameterObject ProgressQuery query) {
        return figures.of(query.division(), query.from(), query.to());
    }
}
