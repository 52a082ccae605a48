package cn.sunshine.subsidy.standard;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The subsidy per trainee of a major in a year, in tiers (e.g. 100/200/300 yuan in the ratio
 * 3:4:3), and who funds it per head. Set for a province, city or county: the nearest one to a base's
 * county applies. A change is a new standard for the next year; a standard is not overwritten.
 */
@Document("subsidy_standards")
public class SubsidyStandard extends AggregateRoot {

    public static final List<String> TIERS = List.of("TIER_1", "TIER_2", "TIER_3");

    private String divisionCode;
    private int year;
    private String majorCode;
    private Map<String, Long> tierAmountsFen;
    private long centralPerHeadFen;
    private long provincialPerHeadFen;
    private long cityPerHeadFen;
    private Instant setAt;
    private String setBy;

    protected SubsidyStandard() {
    }

    static String key(String divisionCode, int year, String majorCode) {
        return divisionCode + ":" + year + ":" + majorCode;
    }

    static SubsidyStandard set(String divisionCode, int year, String majorCode, Map<String, Long> tiers,
                               long centralFen, long provincialFen, long cityFen, String by, Instant at) {
        for (String t : tiers.keySet()) {
            if (!TIERS.contains(t)) {
                throw DomainException.invalidField("tierAmountsFen", Phrase.coded("standard.tier-unknown",
                    "unknown tier " + t + " (one of " + TIERS + ")", t, TIERS));
            }
        }
        if (tiers.isEmpty() || tiers.values().stream().anyMatch(v -> v == null || v <= 0)) {
            throw DomainException.invalidField("tierAmountsFen", Phrase.coded("standard.tier-positive",
                    "every tier needs a positive amount in fen"));
        }
        SubsidyStandard s = new SubsidyStandard();
        s.id = key(divisionCode, year, majorCode);
        s.divisionCode = divisionCode;
        s.year = year;
        s.majorCode = majorCode;
        s.tierAmountsFen = Map.copyOf(tiers);
        s.centralPerHeadFen = centralFen;
        s.provincialPerHeadFen = provincialFen;
        s.cityPerHeadFen = cityFen;
        s.setAt = at;
        s.setBy = by;
        return s;
    }

    /** The amount of a tier, or a 422 when the standard has no such tier. */
    public long amountOf(String tier) {
        Long fen = tierAmountsFen.get(tier);
        if (fen == null) {
            throw DomainException.rule("no-such-tier", "The standard has no such tier",
                    "the standard of " + majorCode + " in " + year + " has no " + tier);
        }
        return fen;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public int getYear() {
        return year;
    }

    public String getMajorCode() {
        return majorCode;
    }

    public Map<String, Long> getTierAmountsFen() {
        return tierAmountsFen;
    }

    public long getCentralPerHeadFen() {
        return centralPerHeadFen;
    }

    public long getProvincialPerHeadFen() {
        return provincialPerHeadFen;
    }

    public long getCityPerHeadFen() {
        return cityPerHeadFen;
    }

    public Instant getSetAt() {
        return setAt;
    }

    public String getSetBy() {
        return setBy;
    }
}
