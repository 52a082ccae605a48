package cn.sunshine.e2e;

import cn.sunshine.platform.test.Http;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The faults a county's year must survive, injected while the year driver plays it, each at the start of a
 * stage (so in its middle: the driver's calls are in flight) and logged with its time:
 * <ul>
 *   <li>{@code kill -9} of each service and of the gateway, once, and its restart (run.sh with
 *       {@code SUNSHINE_RESTART=1}, as a cluster restarts a pod);</li>
 *   <li>enrollment-service frozen ({@code SIGSTOP}) for longer than its leases while a second replica of it
 *       runs (as a cluster runs two pods): the leases the frozen relay held expire and the replica takes them
 *       over, then the frozen one wakes up in the middle of what it was doing;</li>
 *   <li>the broker cut away from every service for 20 s (the suite's own TCP proxy in front of the
 *       machine's RabbitMQ), then back;</li>
 *   <li>the finance bureau down during a payment run (its outage switch), then back;</li>
 *   <li>the finance bureau paying instructions and then not answering in time (its answer held back past
 *       subsidy's read timeout): the money left, the answer was lost.</li>
 * </ul>
 * The driver behaves as any good client: every write carries an Idempotency-Key, and a call without an
 * answer (refused connection, timeout, 503 from the gateway) is sent again with its key.
 */
final class FaultYear implements Consumer<String> {

    /** One fault: at the start of which stage, what. */
    record Fault(String stage, String what, Runnable inject) {
    }

    private final Suite suite;
    private final PrintStream log;
    private final List<Fault> faults = new ArrayList<>();
    private final List<String> injected = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.ScheduledExecutorService background = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "fault-injector");
        t.setDaemon(true);
        return t;
    });

    FaultYear(Suite suite, PrintStream log) {
        this.suite = suite;
        this.log = log;
        kill("applications", "base-accreditation-service");
        kill("classes reported, trainees enrolled", "enrollment-service");
        faults.add(new Fault("class openings, roster checks", "enrollment-service frozen (SIGSTOP) for 40 s, past its "
                + "30 s leases, while its second replica runs: the replica's relay takes over what the frozen one held",
                () -> {
                    sleep(300);
                    try {
                        suite.freeze("enrollment-service", Duration.ofSeconds(40));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    note("enrollment-service thawed (SIGCONT)");
                }));
        kill("vouchers issued and redeemed", "subsidy-service");
        faults.add(new Fault("assessment and completion", "the broker cut away from every service for 20 s "
                + "(completions, assessments and their events in flight)", () -> {
            sleep(200);
            suite.cutBroker();
            background.schedule(() -> {
                suite.restoreBroker();
                note("the broker reachable again");
            }, 20, java.util.concurrent.TimeUnit.SECONDS);
        }));
        bureau("completion claims approved and paid", "the finance bureau down for 20 s during the payment run",
                Map.of("delayMillis", 0, "errorPercent", 0, "outage", true), Duration.ofSeconds(20));
        kill("placements", "placement-service");
        bureau("placement claims approved and paid", "the finance bureau pays, then answers only after 7 s (past "
                + "subsidy's 5 s read timeout) for 15 s", Map.of("delayMillis", 0, "errorPercent", 0, "outage", false,
                "answerDelayMillis", 7000), Duration.ofSeconds(15));
        kill("follow-up, escalation, re-placement", "gateway");
    }

    private void kill(String stage, String service) {
        faults.add(new Fault(stage, "kill -9 " + service + " (restarted by run.sh)", () -> {
            sleep(300); // into the stage: its calls are in flight
            suite.kill(service);
        }));
    }

    private void bureau(String stage, String what, Map<String, Object> settings, Duration window) {
        faults.add(new Fault(stage, what, () -> {
            Http bureau = Http.local(8090);
            bureau.put("/admin/faults", settings);
            background.schedule(() -> {
                bureau.put("/admin/faults", Map.of("delayMillis", 0, "errorPercent", 0, "outage", false));
                note("the finance bureau healthy again");
            }, window.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }));
    }

    /** Called by the driver as each stage starts: injects that stage's faults (without holding the driver). */
    @Override
    public void accept(String stage) {
        for (Fault f : faults) {
            if (f.stage().equals(stage)) {
                background.submit(() -> {
                    note(f.what() + " — in stage \"" + stage + "\"");
                    f.inject().run();
                });
            }
        }
    }

    private void note(String what) {
        String line = Instant.now() + "  FAULT  " + what;
        injected.add(line);
        log.println(line);
    }

    /** The faults injected, with their times. */
    List<String> injected() {
        return injected;
    }

    /** Waits until the faults are over (the bureau healthy again, every service running). */
    void settle(Duration timeout) throws InterruptedException {
        background.shutdown();
        background.awaitTermination(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }

    int planned() {
        return faults.size();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
