package cn.sunshine.placement.followup;

import cn.sunshine.placement.followup.FollowUpDtos.ClassContactsRecorded;
import cn.sunshine.placement.followup.FollowUpDtos.ClassContactsRequest;
import cn.sunshine.placement.followup.FollowUpDtos.ContactRecorded;
import cn.sunshine.placement.followup.FollowUpDtos.ContactRequest;
import cn.sunshine.placement.followup.FollowUpDtos.State;
import cn.sunshine.placement.placement.PlacementDtos.PlacementView;
import cn.sunshine.platform.web.BadRows;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Follow-up", description = "The follow-up schedule after each placement (跟踪服务), due and overdue contacts")
public class FollowUpController {

    private final FollowUps followUps;

    public FollowUpController(FollowUps followUps) {
        this.followUps = followUps;
    }

    @GetMapping("/api/placement/follow-ups")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.AUDITOR,
            Role.BASE_STAFF})
    @Operation(summary = "Current placements with a follow-up due today or earlier (DUE), or overdue past the grace days (OVERDUE)")
    public PageResult<PlacementView> list(@RequestParam State state,
                                          @RequestParam(required = false) String baseId,
                                          @RequestParam(required = false) Integer page,
                                          @RequestParam(required = false) Integer size) {
        return followUps.list(state, baseId, page, size).map(PlacementView::of);
    }

    @PostMapping("/api/placement/placements/{id}/follow-ups/{number}")
    @Allowed({Role.BASE_STAFF, Role.COUNTY_OFFICER})
    @Operation(summary = "Record a follow-up contact; a labour-rights problem opens an escalation case for the county")
    public ResponseEntity<ContactRecorded> record(@PathVariable String id, @PathVariable int number,
                                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  @Valid @RequestBody ContactRequest r) {
        FollowUps.Recorded done = followUps.record(id, number, ifMatch, r);
        return ResponseEntity.ok().eTag(ETags.of(done.placement().getVersion()))
                .body(new ContactRecorded(PlacementView.of(done.placement()), done.escalationCaseId()));
    }

    @PostMapping("/api/placement/classes/{classId}/follow-ups/{number}")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Record a class's contacts of one follow-up round in one request (跟踪服务台账): each by the "
            + "single contact's rules; any bad row (listed) changes nothing; repeatable")
    public ResponseEntity<?> recordClass(@PathVariable String classId, @PathVariable int number,
                                         @Valid @RequestBody ClassContactsRequest request) {
        FollowUps.ClassRecorded result = followUps.recordClass(classId, number, request.contacts());
        if (!result.errors().isEmpty()) {
            return BadRows.batch(result.errors());
        }
        return ResponseEntity.ok(new ClassContactsRecorded(result.recorded(), result.alreadyDone(),
                result.escalationCaseIds()));
    }
}
