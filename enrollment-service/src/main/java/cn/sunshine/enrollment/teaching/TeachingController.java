package cn.sunshine.enrollment.teaching;

import cn.sunshine.enrollment.support.CreatingRequests;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.IdempotentRequests;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Validated
@Tag(name = "Teaching records", description = "三有: a class's teaching plan, its lessons with attendance, and the "
        + "county's unannounced visits")
public class TeachingController {

    private final Teaching teaching;
    private final CreatingRequests creating;

    public TeachingController(Teaching teaching, CreatingRequests creating) {
        this.teaching = teaching;
        this.creating = creating;
    }

    @PutMapping("/api/enrollment/classes/{classId}/teaching-plan")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Set or revise the class's teaching plan (教学计划): modules with their theory or practice hours "
            + "(If-Match to revise a version read)")
    public ResponseEntity<TeachingDtos.PlanView> setPlan(@PathVariable String classId,
                                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                         @Valid @RequestBody TeachingDtos.PlanRequest request) {
        return Answers.ok(teaching.setPlan(classId, ifMatch, request), TeachingDtos.PlanView::of);
    }

    @GetMapping("/api/enrollment/classes/{classId}/teaching-plan")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "The class's teaching plan")
    public ResponseEntity<TeachingDtos.PlanView> plan(@PathVariable String classId) {
        return Answers.ok(teaching.plan(classId), TeachingDtos.PlanView::of);
    }

    @PostMapping("/api/enrollment/classes/{classId}/lessons")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Record a lesson held and its attendance (有教学记录, 有考勤): every trainee in training listed once "
            + "as PRESENT, ABSENT or EXCUSED; a wrong list (422 attendance-rejected) records nothing")
    @ApiResponse(responseCode = "201", description = "recorded (or the replay of an earlier request with the same key)",
            content = @Content(schema = @Schema(implementation = TeachingDtos.LessonView.class)))
    public ResponseEntity<?> recordLesson(@PathVariable String classId,
                                          @Parameter(in = ParameterIn.HEADER, description = "1 to 100 printable ASCII "
                                                  + "characters; a retry with the same key and body gets the first answer")
                                          @RequestHeader(value = IdempotentRequests.HEADER, required = false) String idempotencyKey,
                                          @Valid @RequestBody TeachingDtos.LessonRequest request) {
        return creating.json("enrollment.lessons", classId, idempotencyKey, request, () -> {
            TeachingDtos.LessonView l = TeachingDtos.LessonView.of(teaching.recordLesson(classId, request));
            return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().build().toUri())
                    .eTag(ETags.of(l.version())).body(l);
        });
    }

    @GetMapping("/api/enrollment/classes/{classId}/lessons")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "The class's lessons with their attendance, by date")
    public PageResult<TeachingDtos.LessonView> lessons(@PathVariable String classId,
                                                       @RequestParam(required = false) Integer page,
                                                       @RequestParam(required = false) Integer size) {
        return teaching.lessons(classId, page, size).map(TeachingDtos.LessonView::of);
    }

    @GetMapping("/api/enrollment/classes/{classId}/attendance")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Each trainee's teaching hours held and attended, and whether the share meets the minimum "
            + "to complete (sunshine.enrollment.minimum-attendance-bp)")
    public TeachingDtos.AttendanceView attendance(@PathVariable String classId) {
        return teaching.attendance(classId);
    }

    @PostMapping("/api/enrollment/classes/{classId}/visits")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Record an unannounced visit (不定期抽查) of the county's officer: who was present; the others in "
            + "training are recorded absent")
    @ApiResponse(responseCode = "201", description = "recorded (or the replay of an earlier request with the same key)",
            content = @Content(schema = @Schema(implementation = TeachingDtos.VisitView.class)))
    public ResponseEntity<?> recordVisit(@PathVariable String classId,
                                         @Parameter(in = ParameterIn.HEADER, description = "1 to 100 printable ASCII "
                                                 + "characters; a retry with the same key and body gets the first answer")
                                         @RequestHeader(value = IdempotentRequests.HEADER, required = false) String idempotencyKey,
                                         @Valid @RequestBody TeachingDtos.VisitRequest request) {
        return creating.json("enrollment.visits", classId, idempotencyKey, request, () -> {
            Visit v = teaching.recordVisit(classId, request);
            return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().build().toUri())
                    .eTag(ETags.of(v.getVersion())).body(teaching.view(v));
        });
    }

    @GetMapping("/api/enrollment/classes/{classId}/visits")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "The class's unannounced visits, each with the trainees flagged: marked present by the base at "
            + "a lesson of that day but not found by the officer")
    public PageResult<TeachingDtos.VisitView> visits(@PathVariable String classId,
                                                     @RequestParam(required = false) Integer page,
                                                     @RequestParam(required = false) Integer size) {
        return teaching.visits(classId, page, size);
    }
}
