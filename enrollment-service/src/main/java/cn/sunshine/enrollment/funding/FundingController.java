package cn.sunshine.enrollment.funding;

import cn.sunshine.enrollment.roster.UploadLimits;
import cn.sunshine.platform.web.BadRows;
import cn.sunshine.enrollment.support.CreatingRequests;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.IdempotentRequests;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Tag(name = "Double funding", description = "Other programmes' lists of people they fund for training (雨露计划, "
        + "再就业培训): imported by the county; enrollment refuses a person funded for an overlapping period")
public class FundingController {

    private final FundingLists lists;
    private final CreatingRequests creating;

    public FundingController(FundingLists lists, CreatingRequests creating) {
        this.lists = lists;
        this.creating = creating;
    }

    @PostMapping("/api/enrollment/funding-lists")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Import another programme's list for the county and year (CSV or XLSX: 项目名称 programme, 姓名 name, "
            + "身份证号 idNumber, 培训开始 periodStart, 培训结束 periodEnd); any bad row (listed) imports nothing",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                    @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            schema = @Schema(type = "string", format = "binary"))}))
    public ResponseEntity<?> importList(@RequestParam int year,
                                        @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                        @Parameter(in = ParameterIn.HEADER, description = "1 to 100 printable ASCII characters; "
                                                + "the same key and file answer the first import again")
                                        @RequestHeader(value = IdempotentRequests.HEADER, required = false) String idempotencyKey,
                                        jakarta.servlet.http.HttpServletRequest request) {
        byte[] body = UploadLimits.body(request);
        return creating.file("enrollment.funding-lists", year, idempotencyKey, contentType, body, () -> {
            FundingLists.Result result = lists.importList(year, contentType, body);
            if (!result.errors().isEmpty()) {
                return BadRows.refuse("funding-list-rejected", "The list has bad rows",
                        result.errors().size() + " problem(s) found; nothing was imported: correct the file and send it again",
                        result.errors());
            }
            FundingDtos.FundingListView v = FundingDtos.FundingListView.of(result.list());
            return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                    .path("/api/enrollment/funding-lists").build().toUri()).eTag(ETags.of(v.version())).body(v);
        });
    }

    @GetMapping("/api/enrollment/funding-lists")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "The lists imported in your jurisdiction (without the people)")
    public PageResult<FundingDtos.FundingListView> lists(@RequestParam(required = false) Integer year,
                                                         @RequestParam(required = false) Integer page,
                                                         @RequestParam(required = false) Integer size) {
        return lists.lists(year, page, size).map(FundingDtos.FundingListView::of);
    }

    @GetMapping("/api/enrollment/funding-matches")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "People enrolled in your jurisdiction for the year whom another programme funds for training "
            + "overlapping their class (found after the fact: enrolled before the list was imported)")
    public PageResult<FundingDtos.FundingMatch> matches(@RequestParam int year,
                                                        @RequestParam(required = false) Integer page,
                                                        @RequestParam(required = false) Integer size) {
        return lists.matches(year, page, size);
    }
}
