package cn.sunshine.placement.monitoring;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.placement.LabourReturnRecorded;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A monitoring point's quarterly labour-force return (季度劳动力监测表). One per point and quarter: the id is
 * {@code <pointId>:<year>-Q<quarter>}, so two first returns racing for one quarter collide and one wins (409).
 * A correction is a new {@link ReturnRevision} that replaces the figures (with who, when and why); every revision is
 * kept. Each revision records {@code placement.labour-return.recorded.v1}.
 */
@Document("placement_labour_returns")
public class LabourReturn extends VillageRecord {

    private int quarter;
    private Figures figures;
    private List<ReturnRevision> revisions = new ArrayList<>();

    /** One state of the return: its figures, who recorded them, when and why ({@code recorded} for the first). */
    public record ReturnRevision(int number, Figures figures, String by, Instant at, String reason) {
    }

    protected LabourReturn() {
    }

    static String idOf(String pointId, int year, int quarter) {
        return pointId + ":" + year + "-Q" + quarter;
    }

    static LabourReturn record(MonitoringPoint point, int year, int quarter, Figures figures, String by, Instant at) {
        point.requireActive("given a return");
        figures.check();
        LabourReturn r = new LabourReturn();
        r.of(idOf(point.getId(), year, quarter), point, year);
        r.quarter = quarter;
        r.revise(figures, by, at, "recorded");
        return r;
    }

    /** A correction of the figures, with its reason: a new revision replaces them, the earlier ones stay. */
    void correct(MonitoringPoint point, Figures corrected, String by, Instant at, String reason) {
        point.requireActive("corrected");
        corrected.check();
        revise(corrected, by, at, reason);
    }

    private void revise(Figures f, String by, Instant at, String reason) {
        List<ReturnRevision> history = new ArrayList<>(revisions == null ? List.of() : revisions);
        ReturnRevision r = new ReturnRevision(history.size() + 1, f, by, at, reason);
        history.add(r);
        revisions = history;
        figures = f;
        recordEvent(EventTypes.LABOUR_RETURN_RECORDED, new LabourReturnRecorded(id, pointId, divisionCode, town, village,
                year, quarter, r.number(), f.labourers(), f.male(), f.female(), f.transferred(), f.newlyTransferred(),
                f.inCounty(), f.inProvince(), f.outOfProvince(), f.sectors(), f.returnedHome(), by, at), divisionCode, at);
    }






    public int getQuarter() {
        return quarter;
    }

    public Figures getFigures() {
        return figures;
    }

    public List<ReturnRevision> getRevisions() {
        return List.copyOf(revisions);
    }

    public ReturnRevision lastRevision() {
        return revisions.get(revisions.size() - 1);
    }
}
