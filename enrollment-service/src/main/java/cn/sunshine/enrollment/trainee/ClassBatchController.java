package cn.sunshine.enrollment.trainee;

import cn.sunshine.platform.web.BadRows;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A whole class's roster checks, assessments and completions in one call each; the rules are the single trainee's. */
@RestController
@Tag(name = "Trainees", description = "Enrollment (招生), the roster check, assessment and completion (结业)")
public class ClassBatchController {

    private final ClassBatches batches;

    public ClassBatchController(ClassBatches batches) {
        this.batches = batches;
    }

    @PostMapping("/api/enrollment/classes/{classId}/roster-checks")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Check a class's trainees against the roster in one sitting (对照名册核定学员身份); "
            + "any bad row (listed) changes nothing; repeatable")
    public ResponseEntity<?> rosterChecks(@PathVariable String classId,
                                          @Valid @RequestBody EnrollmentDtos.RosterChecksRequest request) {
        return answer(batches.checkRoster(classId, request.checks()));
    }

    @PostMapping("/api/enrollment/classes/{classId}/assessments")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Record a class's assessments; any bad row (listed) changes nothing; repeatable")
    public ResponseEntity<?> assessments(@PathVariable String classId,
                                         @Valid @RequestBody EnrollmentDtos.AssessmentsRequest request) {
        return answer(batches.assess(classId, request.assessments()));
    }

    @PostMapping("/api/enrollment/classes/{classId}/completions")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Record a class's completions (结业); any bad row (listed) changes nothing; repeatable")
    public ResponseEntity<?> completions(@PathVariable String classId,
                                         @Valid @RequestBody EnrollmentDtos.CompletionsRequest request) {
        return answer(batches.complete(classId, request.completions()));
    }

    private static ResponseEntity<?> answer(ClassBatches.Result result) {
        if (!result.errors().isEmpty()) {
            return BadRows.batch(result.errors());
        }
        return ResponseEntity.ok(new EnrollmentDtos.BatchView(result.applied().size(), result.alreadyDone().size(),
                result.enrollmentIds()));
    }
}
