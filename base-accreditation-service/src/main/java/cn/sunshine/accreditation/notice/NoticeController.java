package cn.sunshine.accreditation.notice;

import cn.sunshine.platform.web.Answers;
import cn.sunshine.accreditation.support.PublicFilings;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.PageResult;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
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

import java.time.Clock;

@RestController
@Validated
@Tag(name = "Public notice", description = "The proposed result, objections and finalisation (公示, 异议, 认定)")
public class NoticeController {

    private final Notices notices;
    private final ObjectionConfirmations confirmations;
    private final Clock clock;

    public NoticeController(Notices notices, ObjectionConfirmations confirmations, Clock clock) {
        this.notices = notices;
        this.confirmations = confirmations;
        this.clock = clock;
    }

    @PostMapping("/api/accreditation/tenders/{tenderId}/notice")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Publish the proposed result of a complete ranking for a period (7 days by default)")
    public ResponseEntity<NoticeDtos.NoticeView> publish(@PathVariable String tenderId,
                                                         @Valid @RequestBody NoticeDtos.PublishNoticeRequest request) {
        return Answers.created("/api/accreditation/notices/{id}",
                notices.publish(tenderId, request.basesToAccredit(), request.days()), this::view);
    }

    @GetMapping("/api/accreditation/notices/{noticeId}")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "A notice with its objections and the filers' contacts (officers)")
    public ResponseEntity<NoticeDtos.NoticeView> get(@PathVariable String noticeId) {
        return Answers.ok(notices.get(noticeId), this::view);
    }

    @PostMapping("/api/accreditation/notices/{noticeId}/objections/{objectionId}/decision")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Uphold an objection with its consequence, or dismiss it, with reasons")
    public ResponseEntity<NoticeDtos.NoticeView> decide(@PathVariable String noticeId, @PathVariable String objectionId,
                                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                        @Valid @RequestBody NoticeDtos.ObjectionDecisionRequest request) {
        return Answers.ok(notices.decide(noticeId, objectionId, ifMatch, request), this::view);
    }

    @PostMapping("/api/accreditation/notices/{noticeId}/finalisation")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Accredit the proposal once the period is over and every objection is decided")
    public ResponseEntity<NoticeDtos.NoticeView> finalise(@PathVariable String noticeId,
                                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return Answers.ok(notices.finalise(noticeId, ifMatch), this::view);
    }

    @GetMapping("/api/public/accreditation/notices")
    @PublicEndpoint
    @Operation(summary = "Public notices of tender results (public, no token)")
    public PageResult<NoticeDtos.PublicNoticeView> publicList(
            @RequestParam(required = false) @Pattern(regexp = "[1-9]\\d{5}", message = "must be a 6-digit division code") String division,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return notices.publicList(division, page, size).map(n -> NoticeDtos.PublicNoticeView.of(n, clock.instant()));
    }

    @GetMapping("/api/public/accreditation/notices/{noticeId}")
    @PublicEndpoint
    @Operation(summary = "A public notice: the proposal, the ranking and how objections were decided (public, no token)")
    public NoticeDtos.PublicNoticeView publicGet(@PathVariable String noticeId) {
        return NoticeDtos.PublicNoticeView.of(notices.publicGet(noticeId), clock.instant());
    }

    @PostMapping("/api/public/accreditation/notices/{noticeId}/objections")
    @PublicEndpoint
    @Operation(summary = "File an objection during the notice period (anyone, no token; contact details required): "
            + "202, a one-time code is sent to the phone given; the objection counts once confirmed with it. "
            + "429 objection-limit when this phone or connection has too many awaiting their code, or the phone "
            + "has filed the most objections one phone may")
    public ResponseEntity<ObjectionConfirmations.Pending> object(@PathVariable String noticeId,
                                                                 @Valid @RequestBody NoticeDtos.ObjectionRequest request,
                                                                 jakarta.servlet.http.HttpServletRequest http) {
        ObjectionConfirmations.Pending p = confirmations.file(noticeId, request, PublicFilings.callerKey(http));
        return PublicFilings.awaiting(p, "/api/public/accreditation/notices/{noticeId}/pending-objections/{id}",
                noticeId, p.confirmationId());
    }

    @PostMapping("/api/public/accreditation/notices/{noticeId}/pending-objections/{confirmationId}/confirmation")
    @PublicEndpoint
    @Operation(summary = "Confirm an objection with the code sent to its phone (anyone, no token): 201, it now "
            + "counts and an officer decides it; 422 confirmation-code-wrong; 404 expired or void")
    public ResponseEntity<NoticeDtos.FiledObjectionView> confirm(@PathVariable String noticeId,
                                                                 @PathVariable String confirmationId,
                                                                 @Valid @RequestBody NoticeDtos.ConfirmationRequest request) {
        Notices.Filed f = confirmations.confirm(noticeId, confirmationId, request.code());
        return PublicFilings.filed(NoticeDtos.FiledObjectionView.of(f.notice(), f.objection()));
    }

    private NoticeDtos.NoticeView view(PublicNotice n) {
        return NoticeDtos.NoticeView.of(n, clock.instant());
    }
}
