package cn.sunshine.gatewaybench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The same requests sent to a service directly and through the gateway, side by side in one run,
 * against a running suite (run.sh): a public read, an authenticated read (a county officer's list)
 * and an enrollment write (a base enrolls a trainee, a fresh valid ID number each time). For each,
 * the latency the gateway adds at one connection (p50, p99) and the gateway's share of the direct
 * throughput at saturation. Prints a Markdown table (docs/performance.md keeps the figures).
 *
 * <pre>
 * java -jar tools/gateway-bench/target/gateway-bench-0.1.0-SNAPSHOT-exec.jar [options]
 *   --gateway URL          default http://127.0.0.1:8080
 *   --accreditation URL    base-accreditation-service, default http://127.0.0.1:8081
 *   --enrollment URL       enrollment-service, default http://127.0.0.1:8082
 *   --routes a,b,c         of public,read,write (default all three)
 *   --connections N        at saturation (default 16)
 *   --seconds S            per side at saturation, in two alternating phases each (default 10)
 *   --requests N           per side at one connection (default 1000; the write: a fifth of it)
 *   --warmup S             per side and route before measuring (default 10)
 *   --county CODE          the county of the fixtures (default 429006, which the demo does not use)
 *   --prepare false        no fixtures: the reads only, against whatever answers (e.g. the gateway in
 *                          front of a stub, to profile the gateway alone)
 *   --out FILE             also append the table to FILE
 * </pre>
 * The gateway's per-caller limits must be raised for the run (run.sh's SUNSHINE_SERVICE_ARGS, see
 * docs/performance.md): a 429 stops the benchmark. Exit code 0 when every answer was the expected one.
 */
public final class GatewayBench {

    private GatewayBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o;
        try {
            o = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("gateway-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        URI gateway = URI.create(o.getOrDefault("gateway", "http://127.0.0.1:8080"));
        URI accreditation = URI.create(o.getOrDefault("accreditation", "http://127.0.0.1:8081"));
        URI enrollment = URI.create(o.getOrDefault("enrollment", "http://127.0.0.1:8082"));
        List<String> routes = Arrays.asList(o.getOrDefault("routes", "public,read,write").split(","));
        int connections = Integer.parseInt(o.getOrDefault("connections", "16"));
        double seconds = Double.parseDouble(o.getOrDefault("seconds", "10"));
        int requests = Integer.parseInt(o.getOrDefault("requests", "1000"));
        double warmup = Double.parseDouble(o.getOrDefault("warmup", "10"));
        String county = o.getOrDefault("county", "429006");

        System.out.println("gateway-bench " + String.join(" ", args));
        System.out.println(machine());
        Fixtures fixtures = new Fixtures(gateway.toString(), county);
        long t0 = System.nanoTime();
        if (!"false".equals(o.get("prepare"))) {
            fixtures.prepare();
            System.out.printf(Locale.ROOT, "fixtures: county %s, year %d, base %s, %d trainees enrolled there before this run (%.1f s)%n",
                    county, fixtures.year, fixtures.baseId, fixtures.alreadyEnrolled, (System.nanoTime() - t0) / 1e9);
        } else if (routes.contains("write")) {
            throw new IllegalArgumentException("the write needs its fixtures (--prepare false: public and read only)");
        }

        Load load = new Load();
        List<String> rows = new ArrayList<>();
        boolean clean = true;
        for (String name : routes) {
            Load.Route route = route(name.trim(), fixtures, load);
            URI direct = name.trim().equals("write") ? enrollment : accreditation;
            Load.Target d = new Load.Target("direct", direct);
            Load.Target g = new Load.Target("gateway", gateway);
            int perSide = name.trim().equals("write") ? Math.max(50, requests / 5) : requests;
            System.out.printf("%s: warming up %.0f s a side …%n", route.name(), warmup);
            load.saturation(route, d, g, connections, warmup / 2, 2);
            System.out.printf("%s: one connection, %d requests a side …%n", route.name(), perSide);
            Load.Sample[] one = load.oneConnection(route, d, g, perSide, 20);
            System.out.printf("%s: %d connections, %.0f s a side …%n", route.name(), connections, seconds);
            Load.Throughput[] sat = load.saturation(route, d, g, connections, seconds / 2, 2);
            long errors = one[0].errors() + one[1].errors() + sat[0].errors() + sat[1].errors();
            for (String e : new String[]{one[0].lastError(), one[1].lastError(), sat[0].lastError(), sat[1].lastError()}) {
                if (e != null) {
                    System.out.println("  unexpected answer: " + e);
                    if (e.startsWith("429")) {
                        System.err.println("gateway-bench: the gateway's rate limit answered 429: raise it for the run "
                                + "(--sunshine.gateway.rate-limit.rate/burst and anonymous-rate/-burst; docs/performance.md)");
                        System.exit(1);
                    }
                }
            }
            clean &= errors == 0;
            rows.add(String.format(Locale.ROOT, "| %s | %.2f | %.2f | **%+.2f** | %.2f | %.2f | %+.2f | %.0f | %.0f | **%.0f %%** | %.1f / %.1f | %d |",
                    route.name(), one[0].percentileMs(50), one[1].percentileMs(50),
                    one[1].percentileMs(50) - one[0].percentileMs(50),
                    one[0].percentileMs(99), one[1].percentileMs(99), one[1].percentileMs(99) - one[0].percentileMs(99),
                    sat[0].perSecond(), sat[1].perSecond(), 100 * sat[1].perSecond() / sat[0].perSecond(),
                    sat[0].latencies().percentileMs(50), sat[1].latencies().percentileMs(50), errors));
        }
        String table = "\n| route | p50 direct ms | p50 gateway ms | added p50 ms | p99 direct ms | p99 gateway ms | added p99 ms"
                + " | direct req/s | gateway req/s | gateway/direct | p50 at saturation ms (direct / gateway) | unexpected answers |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n" + String.join("\n", rows) + "\n";
        System.out.println(table);
        System.out.printf("one connection: %d requests a side (the write: %d), alternating in blocks of 20; saturation: %d "
                + "connections, %.0f s a side in two alternating phases; warm-up %.0f s a side%n", requests,
                Math.max(50, requests / 5), connections, seconds, warmup);
        if (o.containsKey("out")) {
            Files.writeString(Path.of(o.get("out")), "\n" + Instant.now() + " gateway-bench " + String.join(" ", args)
                    + "\n" + machine() + "\n" + table, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        System.exit(clean ? 0 : 1);
    }

    static Load.Route route(String name, Fixtures f, Load load) {
        return switch (name) {
            case "public" -> fixed("public read: GET /api/public/accreditation/bases", 200,
                    "GET", "/api/public/accreditation/bases?division=" + f.county + "&size=20", null);
            case "read" -> fixed("authenticated read: GET /api/accreditation/bases (county officer)", 200,
                    "GET", "/api/accreditation/bases?division=" + f.county + "&size=20", f.countyOfficer);
            case "write" -> new Load.Route() {
                @Override
                public String name() {
                    return "enrollment write: POST /api/enrollment/classes/{id}/enrollments (base staff)";
                }

                @Override
                public int expectedStatus() {
                    return 201;
                }

                @Override
                public byte[] request(long n, String host) throws Exception {
                    String classId = f.classFor(n);
                    return Connection.request("POST", "/api/enrollment/classes/" + classId + "/enrollments", host,
                            f.baseStaff, f.person(n).getBytes(StandardCharsets.UTF_8));
                }
            };
            default -> throw new IllegalArgumentException("unknown route " + name + " (public, read, write)");
        };
    }

    private static Load.Route fixed(String name, int status, String method, String path, String token) {
        return new Load.Route() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int expectedStatus() {
                return status;
            }

            @Override
            public byte[] request(long n, String host) {
                return Connection.request(method, path, host, token, null);
            }
        };
    }

    static String machine() {
        Runtime rt = Runtime.getRuntime();
        String cpu = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "machine: %d cores (%s), Java %s, %s %s; load average %.2f at start",
                rt.availableProcessors(), cpu, System.getProperty("java.version"), System.getProperty("os.name"),
                System.getProperty("os.arch"), load);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        List<String> valued = List.of("gateway", "accreditation", "enrollment", "routes", "connections", "seconds",
                "requests", "warmup", "county", "out", "prepare");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.startsWith("--") ? a.substring(2) : "";
            if (valued.contains(name) && i + 1 < args.length) {
                o.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option or missing value: " + a + " (options: --"
                        + String.join(" X, --", valued) + " X)");
            }
        }
        for (String n : List.of("connections", "requests")) {
            if (o.containsKey(n) && !o.get(n).matches("[1-9]\\d{0,5}")) {
                throw new IllegalArgumentException("--" + n + " takes a whole number");
            }
        }
        for (String n : List.of("seconds", "warmup")) {
            if (o.containsKey(n) && !o.get(n).matches("\\d{1,4}(\\.\\d+)?")) {
                throw new IllegalArgumentException("--" + n + " takes a number of seconds");
            }
        }
        if (o.containsKey("county") && !o.get("county").matches("42\\d{4}")) {
            throw new IllegalArgumentException("--county takes a county code of the province (42xxxx)");
        }
        return o;
    }
}
