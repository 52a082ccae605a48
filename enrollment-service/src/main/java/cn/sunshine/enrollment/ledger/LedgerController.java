package cn.sunshine.enrollment.ledger;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Ledger", description = "The ledger (台帐) of a class, for the county's files and the subsidy claim")
public class LedgerController {

    private final Ledgers ledgers;

    public LedgerController(Ledgers ledgers) {
        this.ledgers = ledgers;
    }

    @GetMapping("/api/enrollment/classes/{classId}/ledger")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Export a class's ledger as CSV or XLSX (format=csv|xlsx); ID numbers and phones whole only "
            + "for the county's officers (audited: say why with purpose or X-Purpose); every text cell formula-safe")
    public ResponseEntity<byte[]> export(@PathVariable String classId,
                                         @RequestParam(required = false, defaultValue = "csv") String format,
                                         @RequestParam(required = false) String purpose) {
        LedgerDtos.Export export = ledgers.export(classId, format);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(export.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(export.filename()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(export.body());
    }
}
