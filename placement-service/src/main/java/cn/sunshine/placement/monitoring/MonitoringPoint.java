package cn.sunshine.placement.monitoring;

import cn.sunshine.platform.crypto.Sealed;
import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A village registered by its county as a labour-force monitoring point (劳动力监测点): the county officer
 * registers the village (the county's division code, the town and the village by name) with its monitor
 * (监测员, usually a village cadre: name and phone — the phone sealed at rest), and retires it when the county
 * stops monitoring there. One point per village ({@code villageKey}, unique): a retired village stays retired.
 * States: {@code ACTIVE} → {@code RETIRED} (final). Returns and needs surveys are their own aggregates.
 */
@Document("placement_monitoring_points")
public class MonitoringPoint extends AggregateRoot {

    public enum Status { ACTIVE, RETIRED }

    @Indexed
    private String divisionCode;
    private String town;
    private String village;
    @Indexed(unique = true)
    private String villageKey;
    private String monitorName;
    private Sealed monitorPhone;
    private Status status;
    private Instant registeredAt;
    private String registeredBy;
    private Instant retiredAt;
    private String retiredBy;
    private String retirementReason;

    protected MonitoringPoint() {
    }

    static MonitoringPoint register(String id, String divisionCode, String town, String village, String monitorName,
                                    Sealed monitorPhone, String by, Instant at) {
        MonitoringPoint p = new MonitoringPoint();
        p.id = id;
        p.divisionCode = divisionCode;
        p.town = town;
        p.village = village;
        p.villageKey = keyOf(divisionCode, town, village);
        p.monitorName = monitorName;
        p.monitorPhone = monitorPhone;
        p.status = Status.ACTIVE;
        p.registeredAt = at;
        p.registeredBy = by;
        return p;
    }

    /** One point per village of a county: the county, the town and the village as named. */
    static String keyOf(String divisionCode, String town, String village) {
        return divisionCode + "/" + town + "/" + village;
    }

    void retire(String reason, String by, Instant at) {
        requireActive("retired");
        status = Status.RETIRED;
        retiredAt = at;
        retiredBy = by;
        retirementReason = reason;
    }

    /** Returns and surveys are taken only while the point is monitored. */
    void requireActive(String act) {
        if (status != Status.ACTIVE) {
            throw DomainException.invalidTransition("monitoring point", status, act);
        }
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public String getTown() {
        return town;
    }

    public String getVillage() {
        return village;
    }

    public String getMonitorName() {
        return monitorName;
    }

    Sealed getMonitorPhone() {
        return monitorPhone;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getRegisteredAt() {
        return registeredAt;
    }

    public String getRegisteredBy() {
        return registeredBy;
    }

    public Instant getRetiredAt() {
        return retiredAt;
    }

    public String getRetiredBy() {
        return retiredBy;
    }

    public String getRetirementReason() {
        return retirementReason;
    }
}
