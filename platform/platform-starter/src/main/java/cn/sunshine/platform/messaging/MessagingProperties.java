package cn.sunshine.platform.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code sunshine.messaging.*}: the event exchange, this service's queue, retries and confirms. */
@ConfigurationProperties("sunshine.messaging")
public class MessagingProperties {

    /** The one topic exchange every event is published to; routing key = event type. */
    private String exchange = "sunshine.events";
    /** This service's consumer queue; defaults to {@code <spring.application.name>.events}. */
    private String queue;
    /** Attempts to handle a message before it goes to the dead-letter queue. */
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(200);
    private double backoffMultiplier = 2.0;
    private Duration maxBackoff = Duration.ofSeconds(5);
    /** How long a publish waits for the broker's confirm. */
    private Duration confirmTimeout = Duration.ofSeconds(5);
    /** Consumers per queue. */
    private int concurrency = 1;
    private int prefetch = 20;
    /**
     * {@code quorum} (default: replicated over the cluster's nodes, with a delivery limit) or {@code classic}
     * (a broker without quorum queues: the local run's in-process Qpid broker).
     */
    private String queueType = "quorum";

    public String getExchange() {
        return exchange;
    }

    public void setExchange(String exchange) {
        this.exchange = exchange;
    }

    public String getQueue() {
        return queue;
    }

    public void setQueue(String queue) {
        this.queue = queue;
    }

    public String deadLetterQueue() {
        return queue + ".dlq";
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public double getBackoffMultiplier() {
        return backoffMultiplier;
    }

    public void setBackoffMultiplier(double backoffMultiplier) {
        this.backoffMultiplier = backoffMultiplier;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Duration getConfirmTimeout() {
        return confirmTimeout;
    }

    public void setConfirmTimeout(Duration confirmTimeout) {
        this.confirmTimeout = confirmTimeout;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public String getQueueType() {
        return queueType;
    }

    public void setQueueType(String queueType) {
        if (!"quorum".equals(queueType) && !"classic".equals(queueType)) {
            throw new IllegalArgumentException("sunshine.messaging.queue-type is quorum or classic, not " + queueType);
        }
        this.queueType = queueType;
    }

    /** True for quorum queues. */
    public boolean quorum() {
        return "quorum".equals(queueType);
    }

    public int getPrefetch() {
        return prefetch;
    }

    public void setPrefetch(int prefetch) {
        this.prefetch = prefetch;
    }
}
