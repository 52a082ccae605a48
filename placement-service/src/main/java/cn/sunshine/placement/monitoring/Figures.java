package cn.sunshine.placement.monitoring;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.DomainException.FieldError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A village's labour force in one quarter, as its monitor counts it (head counts, never negative):
 * {@code labourers} of whom {@code male}/{@code female}; {@code transferred} of them in non-farm work at the end of
 * the quarter, {@code newlyTransferred} of those moved during it; where the transferred work
 * ({@code inCounty}, {@code inProvince} outside the county, {@code outOfProvince}); in which {@link Sector}s;
 * {@code returnedHome} who came back during the quarter.
 */
public record Figures(int labourers, int male, int female, int transferred, int newlyTransferred, int inCounty,
                      int inProvince, int outOfProvince, Map<String, Integer> sectors, int returnedHome) {

    /** The sectors of non-farm work a return counts (seeds: 工业、建筑业、商业饮食服务业、运输). */
    public enum Sector { MANUFACTURING, CONSTRUCTION, SERVICES, TRANSPORT, OTHER }

    public Figures {
        sectors = sectors == null ? Map.of() : new LinkedHashMap<>(sectors);
    }

    /**
     * The parts never exceed their totals: 422 {@code return-figures-inconsistent} naming each field whose part is
     * larger than its whole, nothing recorded.
     */
    void check() {
        List<FieldError> errors = new ArrayList<>();
        if (male + female > labourers) {
            errors.add(FieldError.coded("figures.female", "monitoring.parts-exceed",
                    "men and women (" + (male + female) + ") exceed the labourers (" + labourers + ")",
                    male + female, labourers));
        }
        if (transferred > labourers) {
            errors.add(FieldError.coded("figures.transferred", "monitoring.parts-exceed",
                    "transferred (" + transferred + ") exceed the labourers (" + labourers + ")", transferred, labourers));
        }
        if (newlyTransferred > transferred) {
            errors.add(FieldError.coded("figures.newlyTransferred", "monitoring.parts-exceed",
                    "newly transferred (" + newlyTransferred + ") exceed the transferred (" + transferred + ")",
                    newlyTransferred, transferred));
        }
        int destinations = inCounty + inProvince + outOfProvince;
        if (destinations > transferred) {
            errors.add(FieldError.coded("figures.destinations", "monitoring.parts-exceed",
                    "the destinations (" + destinations + ") exceed the transferred (" + transferred + ")",
                    destinations, transferred));
        }
        int bySector = sectorTotal();
        if (bySector > transferred) {
            errors.add(FieldError.coded("figures.sectors", "monitoring.parts-exceed",
                    "the sectors (" + bySector + ") exceed the transferred (" + transferred + ")", bySector, transferred));
        }
        if (returnedHome > labourers) {
            errors.add(FieldError.coded("figures.returnedHome", "monitoring.parts-exceed",
                    "returned home (" + returnedHome + ") exceed the labourers (" + labourers + ")",
                    returnedHome, labourers));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(422, "return-figures-inconsistent", "A part exceeds its total",
                    "a part of the return exceeds its total: " + String.join("; ",
                            errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors)
                    .coded("problem.return-figures-inconsistent");
        }
    }

    int sectorTotal() {
        return sectors.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** {@code transferred × 10000 / labourers} (floor), null without labourers. */
    static Integer rateBp(long transferred, long labourers) {
        return labourers == 0 ? null : (int) (transferred * 10_000 / labourers);
    }
}
