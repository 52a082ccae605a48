package cn.sunshine.yeardriver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Plays a programme year of the demo province through a running suite and checks that every
 * figure adds up. See docs/performance.md and README.md.
 *
 * <pre>
 * java -jar tools/year-driver/target/year-driver-0.1.0-SNAPSHOT-exec.jar [options]
 *   --demo                 the demo province: 孝感市 and four of its counties, 60 trainees each
 *   --counties N           the first N counties of the demo province (default 1: 应城市)
 *   --only 420981,420982   exactly these counties
 *   --trainees N           trainees per county (default 40)
 *   --class-size N         trainees per class (default 20; at most 500, a roster file's limit)
 *   --parallel N           counties played at once (default 1)
 *   --year YYYY            the programme year (default: the latest whose November has passed)
 *   --gateway URL          default http://127.0.0.1:8080
 *   --services URL,...     the services whose clock is set (default 127.0.0.1:8081-8084)
 *   --logs DIR             also check that no log in DIR holds an ID number or phone the year sent
 *   --timings FILE         append the stage timings (Markdown) to FILE
 * </pre>
 * Exit code 0 when every check holds, 1 when one does not, 2 on bad options.
 */
public final class YearDriver {

    private YearDriver() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o;
        try {
            o = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("year-driver: " + e.getMessage());
            System.exit(2);
            return;
        }
        boolean demo = o.containsKey("demo");
        int year = o.containsKey("year") ? Integer.parseInt(o.get("year")) : Calendar.latestPlayableYear(Instant.now());
        List<String> only = o.containsKey("only") ? Arrays.asList(o.get("only").split(","))
                : demo ? List.of("420981", "420982", "420984", "420923") : List.of();
        ProvinceYear.Options options = new ProvinceYear.Options(
                o.getOrDefault("gateway", "http://127.0.0.1:8080"),
                Arrays.asList(o.getOrDefault("services", "http://127.0.0.1:8081,http://127.0.0.1:8082,"
                        + "http://127.0.0.1:8083,http://127.0.0.1:8084").split(",")),
                Integer.parseInt(o.getOrDefault("counties", "1")),
                Integer.parseInt(o.getOrDefault("trainees", demo ? "60" : "40")),
                Math.min(500, Integer.parseInt(o.getOrDefault("class-size", demo ? "30" : "20"))),
                year, Integer.parseInt(o.getOrDefault("parallel", demo ? "2" : "1")), only);
        Outcome outcome = run(options, o.containsKey("logs") ? Path.of(o.get("logs")) : null, System.out);
        if (o.containsKey("timings")) {
            Files.writeString(Path.of(o.get("timings")), outcome.summary(options), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        System.exit(outcome.result().ok() ? 0 : 1);
    }

    /** What a run found, with the driver's state for further checks. */
    public record Outcome(ProvinceYear year, Checks.Result result, List<String> personalData) {

        public String summary(ProvinceYear.Options options) {
            long trainees = year.counties().stream().mapToLong(c -> c.county.allTrainees().size()).sum();
            return String.format("%n### %s: %d counties, %d trainees, programme year %d, %d counties at once%n%n%s%n"
                            + "Checks: %d hold, %d do not. Answers 429 waited out: %d. The province's progress report "
                            + "answered in %d ms (asked again: %d ms).%n",
                    Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC", year.counties().size(), trainees,
                    options.year(), options.parallelism(), year.stages().table(), result.passed().size(),
                    result.failed().size(), year.throttled(), result.totals().getOrDefault("province report ms (first)", -1L),
                    result.totals().getOrDefault("province report ms (again)", -1L));
        }
    }

    public static Outcome run(ProvinceYear.Options options, Path logs, java.io.PrintStream out) throws IOException {
        return run(options, logs, out, name -> { });
    }

    /** The same, telling {@code onStageStart} each stage's name as it starts (for a fault injector). */
    public static Outcome run(ProvinceYear.Options options, Path logs, java.io.PrintStream out,
                              java.util.function.Consumer<String> onStageStart) throws IOException {
        Province data = Province.demo();
        ProvinceYear year = new ProvinceYear(options, data, out).onStageStart(onStageStart);
        out.printf("Playing programme year %d: %d county(ies), %d trainees each, through %s%n", options.year(),
                year.counties().size(), options.traineesPerCounty(), options.gateway());
        Checks.Result result;
        try {
            result = year.play();
        } finally {
            year.resetClock();
        }
        List<String> personal = new ArrayList<>();
        year.counties().forEach(c -> personal.addAll(c.county.personalData));
        List<String> failed = new ArrayList<>(result.failed());
        List<String> passed = new ArrayList<>(result.passed());
        if (logs != null) {
            try (Stream<Path> files = Files.list(logs)) {
                for (Path log : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(log, StandardCharsets.UTF_8);
                    List<String> found = personal.stream().filter(text::contains).limit(3).toList();
                    if (found.isEmpty()) {
                        passed.add(log.getFileName() + " holds no whole ID number or phone");
                    } else {
                        failed.add(log.getFileName() + " holds " + found.size() + "+ whole ID numbers or phones");
                    }
                }
            }
        }
        result = new Checks.Result(passed, failed, result.totals());
        out.println();
        out.println(year.stages().table());
        out.println("Totals: " + result.totals());
        out.println("Answers 429 from the gateway's per-caller limit, waited out and sent again: " + year.throttled()
                + "; requests sent again with their Idempotency-Key after a lost answer: " + year.retried());
        out.printf("Checks: %d hold, %d do not%n", result.passed().size(), result.failed().size());
        result.failed().forEach(f -> out.println("  FAILED " + f));
        return new Outcome(year, result, personal);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new java.util.LinkedHashMap<>();
        List<String> flags = List.of("demo");
        List<String> valued = List.of("counties", "only", "trainees", "class-size", "parallel", "year", "gateway",
                "services", "logs", "timings");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String name = a.substring(2);
            if (flags.contains(name)) {
                o.put(name, "true");
            } else if (valued.contains(name) && i + 1 < args.length) {
                o.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option or missing value: " + a
                        + " (options: --demo, --" + String.join(" N, --", valued) + ")");
            }
        }
        for (String n : List.of("counties", "trainees", "class-size", "parallel", "year")) {
            if (o.containsKey(n) && !o.get(n).matches("\\d{1,6}")) {
                throw new IllegalArgumentException("--" + n + " takes a whole number");
            }
        }
        return o;
    }
}
