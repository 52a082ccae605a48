package cn.sunshine.platform.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code sunshine.outbox.*}: the relay's pace. */
@ConfigurationProperties("sunshine.outbox")
public class OutboxProperties {

    /** Whether this process runs a relay (tests switch it off to play a crash between write and publish). */
    private boolean relayEnabled = true;
    /** How often the relay looks for waiting events when nothing woke it. */
    private Duration pollInterval = Duration.ofMillis(500);
    /** How long a relay owns a document it publishes; a dead relay's lease expires after this. */
    private Duration lease = Duration.ofSeconds(30);
    /** How long a document whose publish failed is left alone before the next try. */
    private Duration retryDelay = Duration.ofSeconds(1);
    /** Documents one pass handles per collection at most. */
    private int batchSize = 500;
    /**
     * How often the relay also scans every aggregate collection for waiting events (the safety net
     * behind the outbox index: documents written before it existed, or by a writer that stopped between
     * its two writes). At start-up too.
     */
    private Duration sweepInterval = Duration.ofSeconds(60);
    /** An index entry whose document has no waiting events is removed once it is at least this old. */
    private Duration indexGrace = Duration.ofSeconds(10);

    public Duration getSweepInterval() {
        return sweepInterval;
    }

    public void setSweepInterval(Duration sweepInterval) {
        this.sweepInterval = sweepInterval;
    }

    public Duration getIndexGrace() {
        return indexGrace;
    }

    public void setIndexGrace(Duration indexGrace) {
        this.indexGrace = indexGrace;
    }

    public boolean isRelayEnabled() {
        return relayEnabled;
    }

    public void setRelayEnabled(boolean relayEnabled) {
        this.relayEnabled = relayEnabled;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }
}
