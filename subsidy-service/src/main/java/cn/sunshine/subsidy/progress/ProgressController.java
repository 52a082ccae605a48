package cn.sunshine.subsidy.progress;

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

/** subsidy-service's part of the progress reports (docs/reports.md); the figures: {@link Progress}. */
@RestController
@Validated
@Tag(name = "Progress", description = "This service's figures for the progress reports (进度报告) the gateway composes")
public class ProgressController {

    private final Progress progress;

    public ProgressController(Progress progress) {
        this.progress = progress;
    }

    @GetMapping("/api/subsidy/progress")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "Subsidy committed, paid and recovered for the programme year(s) of the period, and committed "
            + "and paid within the period, for a division in your jurisdiction (dates in Asia/Shanghai)")
    public ProgressView progress(
            @Valid @ParameterObject ProgressQuery query) {
        return progress.of(query);
    }
}
