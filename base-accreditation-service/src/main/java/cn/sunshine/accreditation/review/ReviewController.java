package cn.sunshine.accreditation.review;

import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "Expert review", description = "Review panel, declarations, score sheets and ranking (专家评审)")
public class ReviewController {

    private final Reviews reviews;

    public ReviewController(Reviews reviews) {
        this.reviews = reviews;
    }

    @PostMapping("/api/accreditation/tenders/{tenderId}/panel")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Appoint the review panel (at least 3 reviewers), or add reviewers to it")
    public ResponseEntity<ReviewDtos.PanelView> appoint(@PathVariable String tenderId,
                                                        @Valid @RequestBody ReviewDtos.AppointRequest request) {
        ReviewPanel p = reviews.appoint(tenderId, request.members().stream()
                .map(m -> new ReviewPanel.Appointee(m.reviewerId().trim(), m.name().trim())).toList());
        return Answers.ok(p, ReviewDtos.PanelView::of);
    }

    @GetMapping("/api/accreditation/tenders/{tenderId}/panel")
    @Allowed(value = Role.EXPERT_REVIEWER, groups = Roles.OFFICIALS)
    @Operation(summary = "The review panel and its members' declarations")
    public ResponseEntity<ReviewDtos.PanelView> panel(@PathVariable String tenderId) {
        return Answers.ok(reviews.panel(tenderId), ReviewDtos.PanelView::of);
    }

    @PostMapping("/api/accreditation/tenders/{tenderId}/panel/declarations")
    @Allowed({Role.EXPERT_REVIEWER})
    @Operation(summary = "Declare, as a reviewer on the panel, that you have no conflict of interest (or that you have one)")
    public ResponseEntity<ReviewDtos.PanelView> declare(@PathVariable String tenderId,
                                                        @Valid @RequestBody ReviewDtos.DeclarationRequest request) {
        return Answers.ok(reviews.declare(tenderId, request.noConflict(), request.statement()),
                ReviewDtos.PanelView::of);
    }

    @PostMapping("/api/accreditation/applications/{applicationId}/score-sheets")
    @Allowed({Role.EXPERT_REVIEWER})
    @Operation(summary = "Submit your score sheet for an application (final once submitted)")
    public ResponseEntity<ReviewDtos.ScoreSheetView> score(@PathVariable String applicationId,
                                                           @Valid @RequestBody ReviewDtos.ScoreSheetRequest request) {
        ScoreSheet s = reviews.score(applicationId, request);
        return ResponseEntity.status(201).body(ReviewDtos.ScoreSheetView.of(s));
    }

    @GetMapping("/api/accreditation/tenders/{tenderId}/ranking")
    @Allowed(value = Role.EXPERT_REVIEWER, groups = Roles.OFFICIALS)
    @Operation(summary = "The ranking with the composition of each score")
    public ReviewDtos.RankingView ranking(@PathVariable String tenderId) {
        return ReviewDtos.RankingView.of(reviews.ranking(tenderId), true);
    }
}
