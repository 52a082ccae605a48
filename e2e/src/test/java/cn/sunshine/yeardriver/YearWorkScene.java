package cn.sunshine.yeardriver;

import java.io.PrintStream;
import java.util.List;

/**
 * A class waiting for its opening, for the console's journey of the year's work (YearWorkJourney): the first
 * months of a small programme year of one county played through the gateway with the year driver's own stages,
 * from the province's plan to enrollment (8 April: classes reported, trainees enrolled), and nothing after — the
 * opening, the vouchers, the results and the placements are the browser's. In the year driver's package (test
 * sources only) to reuse its stages as they are.
 *
 * @param classId   the largest class reported and not yet opened (planned 15 April to 31 May)
 * @param baseId    its base (base staff sign in with it)
 * @param trainees  the enrollment ids of its trainees
 */
public record YearWorkScene(String gateway, List<String> services, String county, int year, String classId,
                            String baseId, List<String> trainees) {

    public static YearWorkScene prepare(String gateway, List<String> services, String county, int year, PrintStream out) {
        ProvinceYear py = new ProvinceYear(options(gateway, services, county, year), Province.demo(), out);
        CountyYear c = py.counties().get(0);
        try {
            py.playThrough(ProvinceYear.ENROLLMENT);
        } finally {
            py.resetClock();
        }
        // The largest class: a small year's quota is split over several bases and majors, so classes are small.
        County.Klass k = c.county.classes().stream().filter(x -> !x.trainees.isEmpty())
                .max(java.util.Comparator.comparingInt(x -> x.trainees.size()))
                .orElseThrow(() -> new ScenarioFailure("no class with trainees: " + c.county.classes().size() + " classes"));
        return new YearWorkScene(gateway, services, county, year, k.id, k.base.id,
                k.trainees.stream().map(t -> t.enrollmentId).toList());
    }

    /** Sets the services' clock to a day of the scene's year, until {@link #resetClock()}. */
    public void clockAt(int month, int day, PrintStream out) {
        new ProvinceYear(options(gateway, services, county, year), Province.demo(), out).setClock(new Calendar(year).at(month, day));
    }

    public void resetClock(PrintStream out) {
        new ProvinceYear(options(gateway, services, county, year), Province.demo(), out).resetClock();
    }

    /** An employer's unified social credit code with its GB 32100 check character. */
    public static String creditCode(int n) {
        return Codes.creditCode("91" + "420981" + "MA4K" + String.format("%05d", n));
    }

    private static ProvinceYear.Options options(String gateway, List<String> services, String county, int year) {
        return new ProvinceYear.Options(gateway, services, 1, 9, 3, year, 1, List.of(county));
    }
}
