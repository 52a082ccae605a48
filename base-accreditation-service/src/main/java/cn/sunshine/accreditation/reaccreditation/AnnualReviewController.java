package cn.sunshine.accreditation.reaccreditation;

import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.security.Allowed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

import java.util.List;

@RestController
@Validated
@Tag(name = "Annual review", description = "Annual re-accreditation and revocation (年度再认定, 取缔)")
public class AnnualReviewController {

    private final AnnualReviews reviews;

    public AnnualReviewController(AnnualReviews reviews) {
        this.reviews = reviews;
    }

    @PostMapping("/api/accreditation/bases/{baseId}/annual-reviews")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Open a base's review of a year with the facts as you confirm them")
    public ResponseEntity<AnnualReviewDtos.AnnualReviewView> open(@PathVariable String baseId,
                                                                  @Valid @RequestBody AnnualReviewDtos.OpenRequest request) {
        return Answers.created("/api/accreditation/annual-reviews/{id}", reviews.open(baseId, request),
                AnnualReviewDtos.AnnualReviewView::of);
    }

    @GetMapping("/api/accreditation/bases/{baseId}/annual-reviews")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A base's annual reviews, latest year first")
    public List<AnnualReviewDtos.AnnualReviewView> ofBase(@PathVariable String baseId) {
        return reviews.ofBase(baseId).stream().map(AnnualReviewDtos.AnnualReviewView::of).toList();
    }

    @GetMapping("/api/accreditation/annual-reviews/{reviewId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "An annual review")
    public ResponseEntity<AnnualReviewDtos.AnnualReviewView> get(@PathVariable String reviewId) {
        return Answers.ok(reviews.get(reviewId), AnnualReviewDtos.AnnualReviewView::of);
    }

    @PostMapping("/api/accreditation/annual-reviews/{reviewId}/decision")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Renew, renew with conditions, or revoke (effective at once), with reasons; takes If-Match")
    public ResponseEntity<AnnualReviewDtos.AnnualReviewView> decide(@PathVariable String reviewId,
                                                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                                    @Valid @RequestBody AnnualReviewDtos.ReviewDecisionRequest request) {
        return Answers.ok(reviews.decide(reviewId, ifMatch, request), AnnualReviewDtos.AnnualReviewView::of);
    }

    @GetMapping("/api/accreditation/bases/{baseId}/performance")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "What enrollment and placement reported of the base's year (BasePerformance projection)")
    public AnnualReviewDtos.PerformanceView performance(@PathVariable String baseId,
                                                        @RequestParam @Min(2000) @Max(2100) int year) {
        return AnnualReviewDtos.PerformanceView.of(reviews.performance(baseId, year));
    }
}
