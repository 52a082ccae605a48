package cn.sunshine.placement.progress;

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


/** placement-service's part of the progress reports (docs/reports.md); the figures: {@link Progress}. */
@RestController
@Validated
@Tag(name = "Progress", description = "This service's figures for the progress reports (进度报告) the gateway composes")
public class ProgressController {

    private final Progress progress;

    public ProgressController(Progress progress) {
        this.progress = progress;
    }

    @GetMapping("/api/placement/progress")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "Completers placed and spot-check calls, for a division in your jurisdiction and an inclusive "
            + "period (dates in Asia/Shanghai)")
    public ProgressView progress(
            @Valid @ParameterObject ProgressQuery query) {
        return progress.of(query);
    }
}
