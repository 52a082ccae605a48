package cn.sunshine.placement.placement;

import cn.sunshine.placement.placement.PlacementDtos.DepartureRequest;
import cn.sunshine.placement.placement.PlacementDtos.PlaceRequest;
import cn.sunshine.placement.placement.PlacementDtos.PlacementView;
import cn.sunshine.platform.web.BadRows;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.Answers;
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

import java.net.URI;

@RestController
@Tag(name = "Placements", description = "Completers' jobs as their bases report them, departures and re-placements")
public class PlacementController {

    private final Placements placements;
    private final ClassPlacements classPlacements;

    public PlacementController(Placements placements, ClassPlacements classPlacements) {
        this.placements = placements;
        this.classPlacements = classPlacements;
    }

    @PostMapping("/api/placement/classes/{classId}/placements")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Report a class's placements in one request (就业台账): each by the single placement's rules; "
            + "any bad row (listed) changes nothing; repeatable")
    public ResponseEntity<?> placeClass(@PathVariable String classId,
                                        @Valid @RequestBody PlacementDtos.ClassPlacementsRequest request) {
        ClassPlacements.Result result = classPlacements.place(classId, request.placements());
        if (!result.errors().isEmpty()) {
            return BadRows.batch(result.errors());
        }
        return ResponseEntity.ok(new PlacementDtos.ClassPlacementsView(result.placed(), result.alreadyDone(),
                result.placementIds()));
    }

    @PostMapping("/api/placement/placements")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Report a completer's job (or a re-placement after a departure)")
    public ResponseEntity<PlacementView> place(@Valid @RequestBody PlaceRequest request) {
        Placement p = placements.place(request);
        return ResponseEntity.created(URI.create("/api/placement/placements/" + p.getId()))
                .eTag(ETags.of(p.getVersion())).body(PlacementView.of(p));
    }

    @GetMapping("/api/placement/placements/{id}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A placement with its follow-ups")
    public ResponseEntity<PlacementView> get(@PathVariable String id) {
        return Answers.ok(placements.readable(id), PlacementView::of);
    }

    @GetMapping("/api/placement/placements")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "Placements in your jurisdiction (or of your base), by base, class, enrollment or status")
    public PageResult<PlacementView> list(@RequestParam(required = false) String baseId,
                                          @RequestParam(required = false) String classId,
                                          @RequestParam(required = false) String enrollmentId,
                                          @RequestParam(required = false) PlacementStatus status,
                                          @RequestParam(required = false) Integer page,
                                          @RequestParam(required = false) Integer size) {
        return placements.list(baseId, classId, enrollmentId, status, page, size).map(PlacementView::of);
    }

    @PostMapping("/api/placement/placements/{id}/departure")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "The trainee left the job: remaining follow-ups are cancelled; a re-placement may follow")
    public ResponseEntity<PlacementView> leave(@PathVariable String id,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody DepartureRequest request) {
        return Answers.ok(placements.leave(id, ifMatch, request.leftOn(), request.reason()), PlacementView::of);
    }
}
