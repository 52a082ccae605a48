package cn.sunshine.gatewaybench;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measurements: one connection (latency, direct and gateway in alternating blocks so both see
 * the same moments of a noisy machine) and saturation (N connections, alternating phases of the
 * two, throughput summed per side). Every answer's status is checked; anything but the route's
 * expected status counts as an error and is reported.
 */
final class Load {

    /** One of the benchmark's routes: how to build its n-th request for a target, and what it answers. */
    interface Route {
        String name();

        int expectedStatus();

        /** The request for a target (its Host header); built before the clock starts. */
        byte[] request(long n, String host) throws Exception;
    }

    /** Where a request goes: a service directly, or the gateway. */
    record Target(String label, URI uri) {
    }

    /** Latencies in nanoseconds, and how many answers were not the expected status. */
    record Sample(long[] nanos, long errors, String lastError) {
        double percentileMs(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100.0 * sorted.length) - 1));
            return sorted[i] / 1e6;
        }
    }

    /** Throughput of a side at saturation: answers as expected per second over its phases. */
    record Throughput(long ok, long errors, double seconds, String lastError, Sample latencies) {
        double perSecond() {
            return ok / seconds;
        }
    }

    private final AtomicLong sequence = new AtomicLong();

    /** Each request of the run gets its own number (the write needs a fresh trainee each time). */
    long next() {
        return sequence.getAndIncrement();
    }

    /**
     * One connection to each target; blocks of {@code block} requests alternate between them until
     * each has sent {@code perTarget}.
     */
    Sample[] oneConnection(Route route, Target direct, Target gateway, int perTarget, int block) throws Exception {
        long[][] nanos = {new long[perTarget], new long[perTarget]};
        long[] errors = new long[2];
        String[] lastError = new String[2];
        Target[] targets = {direct, gateway};
        Connection[] connections = {new Connection(direct.uri()), new Connection(gateway.uri())};
        try {
            int[] done = new int[2];
            while (done[0] < perTarget || done[1] < perTarget) {
                for (int t = 0; t < 2; t++) {
                    for (int i = 0; i < block && done[t] < perTarget; i++) {
                        byte[] request = route.request(next(), connections[t].hostHeader());
                        long start = System.nanoTime();
                        Connection.Answer a = connections[t].send(request);
                        nanos[t][done[t]++] = System.nanoTime() - start;
                        if (a.status() != route.expectedStatus()) {
                            errors[t]++;
                            lastError[t] = a.status() + " " + abbreviate(a.text());
                        }
                    }
                }
            }
        } finally {
            connections[0].close();
            connections[1].close();
        }
        return new Sample[]{new Sample(nanos[0], errors[0], lastError[0]), new Sample(nanos[1], errors[1], lastError[1])};
    }

    /** {@code rounds} phases of {@code seconds} each per target, alternating, {@code connections} at once. */
    Throughput[] saturation(Route route, Target direct, Target gateway, int connections, double seconds, int rounds)
            throws Exception {
        long[] ok = new long[2];
        long[] errors = new long[2];
        double[] took = new double[2];
        String[] lastError = new String[2];
        List<List<long[]>> latencies = List.of(new ArrayList<>(), new ArrayList<>());
        Target[] targets = {direct, gateway};
        for (int r = 0; r < rounds; r++) {
            for (int t = 0; t < 2; t++) {
                Phase p = phase(route, targets[t], connections, seconds);
                ok[t] += p.ok;
                errors[t] += p.errors;
                took[t] += p.seconds;
                latencies.get(t).addAll(p.nanos);
                if (p.lastError != null) {
                    lastError[t] = p.lastError;
                }
            }
        }
        Throughput[] result = new Throughput[2];
        for (int t = 0; t < 2; t++) {
            long[] all = latencies.get(t).stream().flatMapToLong(Arrays::stream).toArray();
            result[t] = new Throughput(ok[t], errors[t], took[t], lastError[t], new Sample(all, errors[t], lastError[t]));
        }
        return result;
    }

    private record Phase(long ok, long errors, double seconds, String lastError, List<long[]> nanos) {
    }

    private Phase phase(Route route, Target target, int connections, double seconds) throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        String[] lastError = new String[1];
        List<long[]> nanos = new ArrayList<>();
        Thread[] threads = new Thread[connections];
        Throwable[] failure = new Throwable[1];
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        for (int c = 0; c < connections; c++) {
            long[] mine = new long[1 << 18];
            int[] count = new int[1];
            threads[c] = new Thread(() -> {
                try (Connection connection = new Connection(target.uri())) {
                    while (System.nanoTime() < deadline) {
                        byte[] request = route.request(next(), connection.hostHeader());
                        long t0 = System.nanoTime();
                        Connection.Answer a = connection.send(request);
                        long t1 = System.nanoTime();
                        if (count[0] < mine.length) {
                            mine[count[0]++] = t1 - t0;
                        }
                        if (a.status() == route.expectedStatus()) {
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                            synchronized (lastError) {
                                lastError[0] = a.status() + " " + abbreviate(a.text());
                            }
                        }
                    }
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
                synchronized (nanos) {
                    nanos.add(Arrays.copyOf(mine, count[0]));
                }
            }, "load-" + target.label() + "-" + c);
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        if (failure[0] != null) {
            throw new IOException("a connection to " + target.uri() + " failed: " + failure[0], failure[0]);
        }
        return new Phase(ok.get(), errors.get(), took, lastError[0], nanos);
    }

    static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
