package cn.sunshine.yeardriver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How long each stage of the year took, and how many calls it made: the benchmark's figures. */
public final class Stages {

    public record Timing(String stage, String date, int counties, long calls, Duration took) {
    }

    private final List<Timing> timings = new ArrayList<>();

    synchronized void add(Timing t) {
        timings.add(t);
    }

    public synchronized List<Timing> all() {
        return List.copyOf(timings);
    }

    public Duration total() {
        return all().stream().map(Timing::took).reduce(Duration.ZERO, Duration::plus);
    }

    public long calls() {
        return all().stream().mapToLong(Timing::calls).sum();
    }

    /** A Markdown table, as docs/performance.md keeps it. */
    public String table() {
        StringBuilder b = new StringBuilder("| stage | programme date | counties | HTTP calls | took (s) | calls/s |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        for (Timing t : all()) {
            double s = t.took().toMillis() / 1000.0;
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f | %.0f |%n", t.stage(), t.date(), t.counties(),
                    t.calls(), s, s == 0 ? 0 : t.calls() / s));
        }
        double s = total().toMillis() / 1000.0;
        b.append(String.format(Locale.ROOT, "| **whole year** | | | %d | %.1f | %.0f |%n", calls(), s, s == 0 ? 0 : calls() / s));
        return b.toString();
    }
}
