package cn.sunshine.yeardriver;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A programme year of some counties of the demo province, through the gateway: the province's plan
 * and standards, then each stage of {@link CountyYear} for every county (in parallel, as the
 * counties' offices work at once), the services' programme clock set before each stage, and the
 * checks at the end ({@link Checks}).
 */
public final class ProvinceYear {

    /** What to play. */
    public record Options(String gateway, List<String> services, int counties, int traineesPerCounty, int classSize,
                          int year, int parallelism, List<String> onlyCounties) {

        public static Options small(String gateway, List<String> services, int year) {
            return new Options(gateway, services, 1, 40, 20, year, 1, List.of("420981"));
        }
    }

    private final Options options;
    private final Province data;
    private final Api gw;
    private final Actors actors = new Actors();
    private final Stages stages = new Stages();
    private final List<CountyYear> counties = new ArrayList<>();
    private final Map<String, String> employers = new ConcurrentHashMap<>();
    private final java.io.PrintStream out;
    private volatile java.util.function.Consumer<String> onStageStart = name -> { };
    private java.time.Clock wallClock = java.time.Clock.systemUTC();

    public ProvinceYear(Options options, Province data, java.io.PrintStream out) {
        this.options = options;
        this.data = data;
        this.gw = new Api(options.gateway());
        this.out = out;
        List<Province.County> chosen = options.onlyCounties().isEmpty() ? data.counties().stream().limit(options.counties()).toList()
                : data.counties().stream().filter(c -> options.onlyCounties().contains(c.code())).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no county of the demo province matches " + options.onlyCounties());
        }
        for (Province.County c : chosen) {
            counties.add(new CountyYear(data, c, options.year(), options.traineesPerCounty(), options.classSize(), gw,
                    actors, employers));
        }
    }

    /** Told the name of each stage as it starts (a fault injector picks its moments by it). */
    public ProvinceYear onStageStart(java.util.function.Consumer<String> listener) {
        this.onStageStart = listener;
        return this;
    }

    /**
     * The wall clock the year's checks read for what the outside world keeps by today's date (the finance
     * bureau's statement days); the system's unless a test fixes it, so what the year sends does not change with
     * the day it is played.
     */
    public ProvinceYear wallClock(java.time.Clock clock) {
        this.wallClock = clock;
        return this;
    }

    public Stages stages() {
        return stages;
    }

    /** Calls the gateway throttled (429) and the driver sent again after waiting. */
    public long throttled() {
        return gw.throttled();
    }

    public long retried() {
        return gw.retried();
    }

    public List<CountyYear> counties() {
        return counties;
    }

    /** The names of the year's first stages, for a scene that plays the year up to one of them. */
    public static final String ENROLLMENT = "classes reported, trainees enrolled";
    public static final String COMPLETION = "assessment and completion";

    /** The year's stages in order, each on its day of the programme calendar. */
    private List<Stage> year() {
        return List.of(
                new Stage("province plan, standards, employers", 3, 2, null, this::provincePlan),
                new Stage("county funds, split policy, tender", 3, 2, CountyYear::fundAndPolicy, null),
                new Stage("tender published", 3, 2, CountyYear::tender, null),
                new Stage("applications", 3, 5, CountyYear::applications, null),
                new Stage("expert review, ranking, public notice", 3, 21, CountyYear::review, null),
                new Stage("objection and its decision", 3, 23, CountyYear::objection, null),
                new Stage("finalisation, allocations, agreements signed", 3, 28, CountyYear::accreditation, null),
                new Stage(ENROLLMENT, 4, 8, CountyYear::enrollment, null),
                new Stage("class openings, roster checks", 4, 15, CountyYear::opening, null),
                new Stage("vouchers issued and redeemed", 4, 15, CountyYear::vouchers, null),
                new Stage(COMPLETION, 6, 1, CountyYear::completion, null),
                new Stage("completion claims approved and paid", 6, 5, CountyYear::completionClaims, null),
                new Stage("trainees confirm, a denial flagged on the claim", 6, 8, CountyYear::confirmations, null),
                new Stage("placements", 6, 10, CountyYear::placements, null),
                new Stage("placement claims approved and paid", 6, 20, CountyYear::placementClaims, null),
                new Stage("follow-up, escalation, re-placement", 7, 12, CountyYear::followUp, null),
                new Stage("spot-check rounds", 9, 1, CountyYear::spotChecks, null),
                new Stage("recovery settled", 9, 10, CountyYear::recovery, null),
                new Stage("a complaint received and answered", 9, 14, CountyYear::complaint, null),
                new Stage("monitoring point: quarterly return, needs survey", 10, 8, CountyYear::monitoring, null),
                new Stage("inspection, rectification closed, year-end acceptance", 11, 16, CountyYear::inspection, null));
    }

    private record Stage(String name, int month, int day, Consumer<CountyYear> perCounty, Runnable once) {
    }

    /** Plays the year; returns the checks' findings (empty: everything adds up). */
    public Checks.Result play() {
        Calendar cal = new Calendar(options.year());
        for (Stage s : year()) {
            stage(s, cal);
        }
        setClock(cal.at(11, 20));
        long before = gw.calls();
        long start = System.nanoTime();
        Checks.Result result = new Checks(gw, actors, options, data,
                counties.stream().map(c -> c.county).toList(), wallClock).run();
        stages.add(new Stages.Timing("progress reports and checks", cal.date(11, 20).toString(), counties.size(),
                gw.calls() - before, Duration.ofNanos(System.nanoTime() - start)));
        return result;
    }

    /**
     * Plays the year's stages up to and including the named one, each on its day (a scene prepares the records a
     * journey starts from); the services' clocks stay on the last stage's day until {@link #resetClock}.
     */
    public void playThrough(String lastStage) {
        Calendar cal = new Calendar(options.year());
        for (Stage s : year()) {
            stage(s, cal);
            if (s.name().equals(lastStage)) {
                return;
            }
        }
        throw new IllegalArgumentException("the year has no stage named " + lastStage);
    }

    private void stage(Stage s, Calendar cal) {
        setClock(cal.at(s.month(), s.day()));
        onStageStart.accept(s.name());
        long before = gw.calls();
        long start = System.nanoTime();
        if (s.once() != null) {
            s.once().run();
        }
        if (s.perCounty() != null) {
            forEachCounty(s.perCounty());
        }
        Stages.Timing t = new Stages.Timing(s.name(), cal.date(s.month(), s.day()).toString(), counties.size(),
                gw.calls() - before, Duration.ofNanos(System.nanoTime() - start));
        stages.add(t);
        out.printf("  %-48s %s  %6d calls  %8.1f s%n", s.name(), t.date(), t.calls(), t.took().toMillis() / 1000.0);
    }

    private void forEachCounty(Consumer<CountyYear> step) {
        inParallel(counties, step, options.parallelism());
    }

    /** Runs the step for each item, at most {@code parallelism} at once; the first failure, in the items' order, is thrown. */
    static <T> void inParallel(List<T> items, Consumer<T> step, int parallelism) {
        if (parallelism <= 1 || items.size() <= 1) {
            items.forEach(step);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, items.size()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> step.accept(item)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new ScenarioFailure(e.getCause().toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ScenarioFailure("interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sets every service's programme clock (operator, directly on each service: the gateway does not route actuator). */
    public void setClock(Instant now) {
        for (String service : options.services()) {
            Api api = new Api(service);
            api.post("/actuator/clock", actors.operator(), Map.of("now", now.toString())).expect(200);
        }
    }

    public void resetClock() {
        for (String service : options.services()) {
            new Api(service).post("/actuator/clock", actors.operator(), Map.of("reset", true)).expect(200);
        }
    }

    // ------------------------------------------------------------------------------------------

    /** The province's plan to its cities and counties, its subsidy standards, the register of employers. */
    void provincePlan() {
        String province = actors.provinceOfficer(data.province().code());
        int year = options.year();
        Map<Province.City, List<CountyYear>> byCity = new LinkedHashMap<>();
        for (CountyYear c : counties) {
            byCity.computeIfAbsent(c.county.city, k -> new ArrayList<>()).add(c);
        }
        long total = counties.stream().mapToLong(c -> c.county.division.quota()).sum();
        Api.Response plan = gw.post("/api/accreditation/quota-ledgers", province, Map.of("divisionCode",
                data.province().code(), "year", year, "total", total + total / 20,
                "reason", data.province().name() + year + "年农村劳动力转移培训阳光工程任务（含5%机动）"));
        if (plan.status() == 409) {
            throw new ScenarioFailure("the suite already holds a " + year + " plan for " + data.province().name()
                    + ": play the year on empty data (run.sh keeps it under data/; delete it) or choose another --year");
        }
        String provinceLedger = plan.id();
        for (Map.Entry<Province.City, List<CountyYear>> e : byCity.entrySet()) {
            Province.City city = e.getKey();
            long cityTotal = e.getValue().stream().mapToLong(c -> c.county.division.quota()).sum();
            gw.post("/api/accreditation/quota-ledgers/" + provinceLedger + "/allocations", province, Map.of(
                    "toDivision", city.code(), "amount", cityTotal, "reason", city.name() + "年度培训转移任务"),
                    Map.of("Idempotency-Key", "plan-" + year + "-" + city.code())).expect(200, 201);
            String cityOfficer = actors.cityOfficer(city.code());
            String cityLedger = gw.await(city.name() + "'s ledger", Acts.EVENTS,
                    () -> gw.get("/api/accreditation/quota-ledgers?division=" + city.code() + "&year=" + year, cityOfficer),
                    r -> r.is(200) && r.json().path("items").size() > 0).json().path("items").path(0).path("id").asString();
            for (CountyYear c : e.getValue()) {
                gw.post("/api/accreditation/quota-ledgers/" + cityLedger + "/allocations", cityOfficer, Map.of(
                        "toDivision", c.code(), "amount", c.county.division.quota(), "reason", c.county.name() + "年度培训转移任务"),
                        Map.of("Idempotency-Key", "plan-" + year + "-" + c.code())).expect(200, 201);
            }
        }
        for (Province.Major m : data.majors()) {
            Map<String, Object> standard = new LinkedHashMap<>();
            standard.put("divisionCode", data.province().code());
            standard.put("year", year);
            standard.put("majorCode", m.code());
            standard.put("tierAmountsFen", data.subsidyTiers());
            standard.put("centralPerHeadFen", data.fundingPerHeadFen().getOrDefault("central", 0L));
            standard.put("provincialPerHeadFen", data.fundingPerHeadFen().getOrDefault("provincial", 0L));
            standard.put("cityPerHeadFen", data.fundingPerHeadFen().getOrDefault("city", 0L));
            gw.post("/api/subsidy/standards", province, standard).expect(200, 201);
        }
        // The employers the bases place trainees with (a register shared by the province).
        String registrar = actors.countyOfficer(counties.get(0).code());
        for (int i = 0; i < data.employers().size(); i++) {
            Province.Employer e = data.employers().get(i);
            String creditCode = Codes.creditCode("91" + "420100" + String.format("MA%07d", 4_400_000 + i));
            Api.Response r = gw.post("/api/placement/employers", registrar, Map.of("name", e.name(), "creditCode", creditCode,
                    "address", e.city() + e.name().replace(e.city(), ""), "hrPhone", "0" + (27 + i % 5) + "-8" + String.format("%07d", 1_000_000 + i * 37)));
            if (r.status() == 409) {
                JsonNode existing = gw.get("/api/placement/employers?creditCode=" + creditCode, registrar).expect(200);
                employers.put(e.name(), existing.path("items").path(0).path("id").asString());
            } else {
                employers.put(e.name(), r.id());
            }
        }
    }
}
