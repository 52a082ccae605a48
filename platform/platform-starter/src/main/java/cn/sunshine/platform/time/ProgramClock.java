package cn.sunshine.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The services' clock when {@code sunshine.clock.adjustable=true} (local and test profiles only):
 * the machine's time plus an offset an operator sets through {@code /actuator/clock}. It lets a
 * scenario play a programme year (a tender in March, a seven-day public notice, classes, claims,
 * follow-ups months later) in minutes on a local run, and lets a demo province end at today's date.
 * The time keeps running at the machine's pace between settings.
 */
public final class ProgramClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    public ProgramClock(Clock base) {
        this(base, new AtomicReference<>(Duration.ZERO));
    }

    private ProgramClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    /** Sets the clock so that it reads {@code now} at this moment; later readings advance from there. */
    public Instant set(Instant now) {
        offset.set(Duration.between(base.instant(), now));
        return instant();
    }

    /** Sets the offset from the machine's time directly (a kept offset, read at start-up). */
    public Instant shift(Duration offsetFromMachine) {
        offset.set(offsetFromMachine);
        return instant();
    }

    /** Back to the machine's time. */
    public Instant reset() {
        offset.set(Duration.ZERO);
        return instant();
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    /** The same moving time seen in another zone (shares the offset). */
    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(base.getZone()) ? this : new ProgramClock(base.withZone(zone), offset);
    }

    public static ProgramClock systemUTC() {
        return new ProgramClock(Clock.system(ZoneOffset.UTC));
    }
}
