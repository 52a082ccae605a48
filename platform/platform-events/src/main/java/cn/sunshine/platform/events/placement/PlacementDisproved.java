package cn.sunshine.platform.events.placement;

import java.time.Instant;

/**
 * {@code placement.placement.disproved.v1}: a spot-check finding {@code NOT_EMPLOYED_AS_REPORTED}
 * showed that a placement the base reported is false. The placement is kept (state
 * {@code DISPROVED}), but it no longer counts anywhere a placement counts: a consumer that counted
 * its {@code placement.trainee.placed.v1} takes it out again (a re-placement was never counted as
 * placed). Published once per placement, however many findings concern it.
 *
 * @param placementId  the placement disproved
 * @param enrollmentId the trainee's enrollment
 * @param baseId       the base that reported it
 * @param divisionCode the base's county
 * @param year         the program year of the enrollment (as in the placement's events)
 * @param findingId    the finding that disproved it ({@code placement.finding.recorded.v1})
 * @param kind         the finding's kind: {@code NOT_EMPLOYED_AS_REPORTED}
 * @param placedAt     when the base had reported the placement (the {@code placedAt} of its placed or
 *                     re-placed event: consumers that count placements by report time find it by this)
 * @param disprovedAt  when the finding was recorded (the call)
 * @param disprovedBy  the county officer who recorded it (token subject)
 */
public record PlacementDisproved(String placementId, String enrollmentId, String baseId, String divisionCode, int year,
                                 String findingId, String kind, Instant placedAt, Instant disprovedAt,
                                 String disprovedBy) {
}
