package cn.sunshine.yeardriver;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims waiting for the console's browser journeys: the first months of a small programme year of one county
 * played through the gateway with the year driver's own stages (tender to completion), then one claim per class
 * submitted by its base, the first verified by the county office (so it waits for the leader's 审批) and the
 * others left waiting for 核准. In the year driver's package (test sources only) to reuse its stages and acts as they are.
 */
public final class ClaimsWaiting {

    /**
     * @param verified  waiting at APPROVAL; {@code submitted} waiting at VERIFICATION
     * @param baseId    a base of that year with places left in its agreement (for base staff's journey)
     * @param majorCode a major of that base with places left
     */
    public record Claims(String county, int year, String verified, List<String> submitted, String baseId, String majorCode) {
    }

    /**
     * Sets the services' clock to a day of the prepared year (base staff then work within their base's validity and
     * their agreement's year), until {@link #resetClock}.
     */
    public static void clockAt(String gateway, List<String> services, Claims claims, int month, int day, PrintStream out) {
        ProvinceYear py = new ProvinceYear(new ProvinceYear.Options(gateway, services, 1, 9, 3, claims.year(), 1,
                List.of(claims.county())), Province.demo(), out);
        py.setClock(new Calendar(claims.year()).at(month, day));
    }

    public static void resetClock(String gateway, List<String> services, Claims claims, PrintStream out) {
        new ProvinceYear(new ProvinceYear.Options(gateway, services, 1, 9, 3, claims.year(), 1, List.of(claims.county())),
                Province.demo(), out).resetClock();
    }

    private ClaimsWaiting() {
    }

    public static Claims prepare(String gateway, List<String> services, String county, int year, PrintStream out) {
        ProvinceYear.Options options = new ProvinceYear.Options(gateway, services, 1, 9, 3, year, 1, List.of(county));
        ProvinceYear py = new ProvinceYear(options, Province.demo(), out);
        CountyYear c = py.counties().get(0);
        Calendar cal = new Calendar(year);
        try {
            py.playThrough(ProvinceYear.COMPLETION);
            py.setClock(cal.at(6, 5));
            List<String> claims = new ArrayList<>();
            for (County.Klass k : c.county.classes()) {
                List<String> serials = k.trainees.stream().filter(t -> t.completed).map(t -> t.voucherSerial).toList();
                if (!serials.isEmpty()) {
                    claims.add(c.subsidy.submitClaim(k, serials, "COMPLETION", "console-" + k.id));
                }
            }
            if (claims.size() < 2) {
                throw new ScenarioFailure("expected two claims or more, got " + claims);
            }
            c.subsidy.verify(claims.get(0));
            // The allocation is the planned enrolment plus at least 2 places per major (AccreditationActs).
            County.Base base = c.county.bases.get(0);
            return new Claims(county, year, claims.get(0), List.copyOf(claims.subList(1, claims.size())), base.id,
                    base.majors.get(0));
        } finally {
            py.resetClock();
        }
    }
}
