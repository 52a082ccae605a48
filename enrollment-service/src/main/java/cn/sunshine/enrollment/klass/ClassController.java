package cn.sunshine.enrollment.klass;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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

@RestController
@Validated
@Tag(name = "Classes", description = "Classes (培训班/期): reported by the base, opening confirmed by the county")
public class ClassController {

    private final Classes classes;

    public ClassController(Classes classes) {
        this.classes = classes;
    }

    @PostMapping("/api/enrollment/classes")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Report a class before it opens (开班前报县阳光办)")
    public ResponseEntity<ClassDtos.ClassView> report(@Valid @RequestBody ClassDtos.ReportRequest request) {
        return Answers.createdHere(classes.report(request), c -> ClassDtos.ClassView.of(c, 0));
    }

    @GetMapping("/api/enrollment/classes/{classId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A class with the number of trainees enrolled")
    public ResponseEntity<ClassDtos.ClassView> get(@PathVariable String classId) {
        return Answers.ok(classes.get(classId), this::view);
    }

    @GetMapping("/api/enrollment/classes")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Classes in your jurisdiction, or your base's")
    public PageResult<ClassDtos.ClassView> list(@RequestParam(required = false) String baseId,
                                                @RequestParam(required = false) Integer year,
                                                @RequestParam(required = false) TrainingClass.Status status,
                                                @RequestParam(required = false) Integer page,
                                                @RequestParam(required = false) Integer size) {
        return classes.list(baseId, year, status, page, size).map(this::view);
    }

    @PostMapping("/api/enrollment/classes/{classId}/opening")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Confirm the opening of a class the county officer attended")
    public ResponseEntity<ClassDtos.ClassView> open(@PathVariable String classId,
                                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                    @Valid @RequestBody(required = false) ClassDtos.OpeningRequest request) {
        return Answers.ok(classes.open(classId, ifMatch, request), this::view);
    }

    private ClassDtos.ClassView view(TrainingClass c) {
        return ClassDtos.ClassView.of(c, classes.enrolled(c.getId()));
    }
}
