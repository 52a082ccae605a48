package cn.sunshine.enrollment.roster;

import cn.sunshine.platform.web.BadRows;
import cn.sunshine.enrollment.support.CreatingRequests;
import cn.sunshine.enrollment.trainee.Enrollment;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.IdempotentRequests;
import cn.sunshine.platform.domain.Phrase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Roster", description = "Import a class's roster (名册) from CSV or XLSX: all rows or none")
public class RosterController {

    private final RosterImport rosterImport;
    private final CreatingRequests creating;

    public RosterController(RosterImport rosterImport, CreatingRequests creating) {
        this.rosterImport = rosterImport;
        this.creating = creating;
    }

    @PostMapping("/api/enrollment/classes/{classId}/roster")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Import a roster; any bad row (listed with its reason) imports nothing; with an Idempotency-Key "
            + "a retry of the same file answers the first import again",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                    @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            schema = @Schema(type = "string", format = "binary"))}))
    public ResponseEntity<?> importRoster(@PathVariable String classId,
                                          @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                          @Parameter(in = ParameterIn.HEADER, description = "1 to 100 printable ASCII characters; "
                                                  + "the same key and file answer the first import again (its count and "
                                                  + "enrollment ids, Idempotent-Replayed: true) and enroll nobody twice")
                                          @RequestHeader(value = IdempotentRequests.HEADER, required = false) String idempotencyKey,
                                          jakarta.servlet.http.HttpServletRequest request) {
        byte[] body = UploadLimits.body(request);
        return creating.file("enrollment.roster", classId, idempotencyKey, contentType, body, () -> {
            RosterImport.Result result = rosterImport.importRoster(classId, contentType, body);
            if (!result.errors().isEmpty()) {
                return BadRows.refuse("roster-rejected", "The roster has bad rows", Phrase.coded("enrollment.roster.rejected",
                        result.errors().size() + " problem(s) found; nothing was imported: correct the file and send it again",
                        result.errors().size()), result.errors());
            }
            return ResponseEntity.status(201).body(new RosterDtos.ImportedView(classId, result.enrolled().size(),
                    result.enrolled().stream().map(Enrollment::getId).toList()));
        });
    }
}
