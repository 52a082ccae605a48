package cn.sunshine.enrollment.progress;

import cn.sunshine.platform.progress.ProgressPeriod;
import cn.sunshine.platform.progress.ProgressQuery;
import cn.sunshine.platform.progress.ProgressView;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import cn.sunshine.platform.progress.Tallies;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * enrollment-service's part of the progress reports (docs/reports.md): trainees enrolled (培训人数)
 * and completed (结业人数) in a division and period. Enrolled counts enrollments made in the period
 * that stand — a withdrawal (never trained) and a trainee rejected at the roster check (not the
 * person on the roster) are not trainees; a dropout trained for a while and counts. Completed
 * counts completions recorded in the period.
 */
@RestController
@Validated
@Tag(name = "Progress", description = "This service's figures for the progress reports (进度报告) the gateway composes")
public class ProgressController {

    private final Tallies tallies;

    public ProgressController(Tallies tallies) {
        this.tallies = tallies;
    }

    @GetMapping("/api/enrollment/progress")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "Trainees enrolled and completed, for a division in your jurisdiction and an inclusive "
            + "period (dates in Asia/Shanghai)")
    public ProgressView progress(
            @Valid @ParameterObject ProgressQuery query) {
        ProgressPeriod period = query.period();
        // Sums of per-county, per-day tallies (ProgressFigures), recounted from the enrollments as they change.
        long enrolled = tallies.sum(ProgressFigures.ENROLLED, period);
        long completed = tallies.sum(ProgressFigures.COMPLETED, period);
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("enrolled", enrolled);
        figures.put("completed", completed);
        return ProgressView.of(period, figures);
    }

}
