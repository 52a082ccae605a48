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
        partWithin(errors, "figures.female", "men and women", male + female, "labourers", labourers);
        partWithin(errors, "figures.transferred", "transferred", transferred, "labourers", labourers);
        partWithin(errors, "figures.newlyTransferred", "newly transferred", newlyTransferred, "transferred", transferred);
        partWithin(errors, "figures.destinations", "the destinations", inCounty + inProvince + outOfProvince,
                "transferred", transferred);
        partWithin(errors, "figures.sectors", "the sectors", sectorTotal(), "transferred", transferred);
        partWithin(errors, "figures.returnedHome", "returned home", returnedHome, "labourers", labourers);
        if (!errors.isEmpty()) {
            throw new DomainException(422, "return-figures-inconsistent", "A part exceeds its total",
                    "a part of the return exceeds its total: " + String.join("; ",
                            errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors)
                    .coded("problem.return-figures-inconsistent");
        }
    }

    /** A part greater than its whole is the field's error: "{part} (n) exceed the {whole} (m)". */
    private static void partWithin(List<FieldError> errors, String field, String part, int partCount, String whole,
                                   int wholeCount) {
        if (partCount > wholeCount) {
            errors.add(FieldError.coded(field, "monitoring.parts-exceed",
                    part + " (" + partCount + ") exceed the " + whole + " (" + wholeCount + ")", partCount, wholeCount));
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
