package cn.sunshine.placement.monitoring;

import cn.sunshine.placement.monitoring.MonitoringDtos.CorrectionRequest;
import cn.sunshine.placement.monitoring.MonitoringDtos.PointView;
import cn.sunshine.placement.monitoring.MonitoringDtos.PointRequest;
import cn.sunshine.placement.monitoring.MonitoringDtos.RetireRequest;
import cn.sunshine.placement.monitoring.MonitoringDtos.ReturnRequest;
import cn.sunshine.placement.monitoring.MonitoringDtos.ReturnView;
import cn.sunshine.placement.monitoring.MonitoringDtos.SurveyCorrectionRequest;
import cn.sunshine.placement.monitoring.MonitoringDtos.SurveyRequest;
import cn.sunshine.placement.monitoring.MonitoringDtos.SurveyView;
import cn.sunshine.placement.monitoring.MonitoringDtos.TrendsView;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

@RestController
@Tag(name = "Monitoring points", description = "Villages monitored by their county (劳动力监测点): quarterly labour-force "
        + "returns, training-needs surveys and their trends")
public class MonitoringController {

    private static final String POINTS = "/api/placement/monitoring-points";

    private final Monitoring monitoring;
    private final MonitoringTrends trends;

    public MonitoringController(Monitoring monitoring, MonitoringTrends trends) {
        this.monitoring = monitoring;
        this.trends = trends;
    }

    @PostMapping(POINTS)
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Register a village of your county as a monitoring point, with its monitor (201; 409 "
            + "monitoring-point-exists)")
    public ResponseEntity<PointView> register(@Valid @RequestBody PointRequest r) {
        MonitoringPoint p = monitoring.register(r);
        return ResponseEntity.created(URI.create(POINTS + "/" + p.getId())).cacheControl(CacheControl.noStore())
                .eTag(ETags.of(p.getVersion())).body(monitoring.view(p, true));
    }

    @GetMapping(POINTS)
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "Monitoring points in your jurisdiction (the monitor's phone masked)")
    public PageResult<PointView> list(@RequestParam(required = false) String division,
                                      @RequestParam(required = false) MonitoringPoint.Status status,
                                      @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        return monitoring.points(division, status, page, size).map(p -> monitoring.view(p, false));
    }

    @GetMapping(POINTS + "/{id}")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "A monitoring point (the monitor's phone whole only for its county's officer)")
    public ResponseEntity<PointView> get(@PathVariable String id) {
        MonitoringPoint p = monitoring.point(id);
        return withPhone(p);
    }

    @PostMapping(POINTS + "/{id}/retirement")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Retire a monitoring point with the reason (If-Match): it takes no more returns or surveys")
    public ResponseEntity<PointView> retire(@PathVariable String id,
                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @Valid @RequestBody RetireRequest r) {
        MonitoringPoint p = monitoring.retire(id, ifMatch, r.reason());
        return withPhone(p);
    }

    @PostMapping(POINTS + "/{id}/returns")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Record the point's return of a quarter (201; 409 return-exists: correct it with PUT; 422 "
            + "return-figures-inconsistent naming each part larger than its total)")
    public ResponseEntity<ReturnView> recordReturn(@PathVariable String id, @Valid @RequestBody ReturnRequest r) {
        LabourReturn x = monitoring.recordReturn(id, r);
        return ResponseEntity.created(URI.create(POINTS + "/" + id + "/returns/" + x.getYear() + "/" + x.getQuarter()))
                .eTag(ETags.of(x.getVersion())).body(ReturnView.of(x));
    }

    @GetMapping(POINTS + "/{id}/returns")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "The point's returns, by year and quarter")
    public List<ReturnView> returns(@PathVariable String id, @RequestParam(required = false) Integer year) {
        return monitoring.returns(id, year).stream().map(ReturnView::of).toList();
    }

    @GetMapping(POINTS + "/{id}/returns/{year}/{quarter}")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "The point's return of a quarter with every revision")
    public ResponseEntity<ReturnView> labourReturn(@PathVariable String id, @PathVariable int year,
                                                   @PathVariable int quarter) {
        return Answers.ok(monitoring.labourReturn(id, year, quarter), ReturnView::of);
    }

    @PutMapping(POINTS + "/{id}/returns/{year}/{quarter}")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Correct the quarter's return with the reason (If-Match): a new revision replaces the figures, "
            + "the earlier ones are kept")
    public ResponseEntity<ReturnView> correctReturn(@PathVariable String id, @PathVariable int year,
                                                    @PathVariable int quarter,
                                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                    @Valid @RequestBody CorrectionRequest r) {
        return Answers.ok(monitoring.correctReturn(id, year, quarter, ifMatch, r), ReturnView::of);
    }

    @PostMapping(POINTS + "/{id}/needs-surveys")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Record the village's training-needs survey of a year: majors wanted with head counts (201; "
            + "409 survey-exists)")
    public ResponseEntity<SurveyView> recordSurvey(@PathVariable String id, @Valid @RequestBody SurveyRequest r) {
        NeedsSurvey s = monitoring.recordSurvey(id, r);
        return ResponseEntity.created(URI.create(POINTS + "/" + id + "/needs-surveys/" + s.getYear()))
                .eTag(ETags.of(s.getVersion())).body(SurveyView.of(s));
    }

    @GetMapping(POINTS + "/{id}/needs-surveys/{year}")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "The village's training-needs survey of a year with every revision")
    public ResponseEntity<SurveyView> survey(@PathVariable String id, @PathVariable int year) {
        return Answers.ok(monitoring.survey(id, year), SurveyView::of);
    }

    @PutMapping(POINTS + "/{id}/needs-surveys/{year}")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Correct the year's training-needs survey with the reason (If-Match): a new revision")
    public ResponseEntity<SurveyView> correctSurvey(@PathVariable String id, @PathVariable int year,
                                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                    @Valid @RequestBody SurveyCorrectionRequest r) {
        return Answers.ok(monitoring.correctSurvey(id, year, ifMatch, r), SurveyView::of);
    }

    /**
     * The point with its version, the monitor's phone whole for its county's officer ({@link Monitoring#view}); no
     * cache keeps it.
     */
    private ResponseEntity<PointView> withPhone(MonitoringPoint p) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(p.getVersion()))
                .body(monitoring.view(p, true));
    }

    @GetMapping("/api/placement/monitoring/trends")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "A division's monitoring trends in a year: per quarter the returns summed with the transfer "
            + "rate (bp), the needs summed by major, and beside them the programme's completers and placed trainees")
    public TrendsView trends(@RequestParam(required = false) String division, @RequestParam int year) {
        return trends.trends(division, year);
    }
}
