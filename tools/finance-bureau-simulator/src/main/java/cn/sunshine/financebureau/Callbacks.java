package cn.sunshine.financebureau;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bureau's callback: after it pays an instruction it tells the sender so, signed as subsidy-service
 * checks it (docs/subsidy.md, "The bureau's callback"): headers {@code X-Bureau-Key-Id},
 * {@code X-Bureau-Timestamp} (Unix seconds), {@code X-Bureau-Nonce}, {@code X-Bureau-Signature} =
 * lower-case hex HMAC-SHA256 of
 * {@code SUNSHINE-BUREAU-HMAC-SHA256\nPOST\n<path>\n<timestamp>\n<nonce>\n<sha256 hex of the body>}.
 * Off unless {@code simulator.callback.url} is set. Sent in the background, once per payment, after
 * the submission was answered; a failed callback is counted and logged, not retried (the sender's
 * own polls settle the payment all the same).
 */
@Component
public class Callbacks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Callbacks.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param url    where subsidy-service (or the gateway in front of it) listens, e.g. {@code http://127.0.0.1:8083};
     *               blank: no callbacks
     * @param keyId  the key id the bureau signs under (one of subsidy's {@code sunshine.subsidy.bureau-callback.keys})
     * @param secret its secret, at least 32 bytes
     */
    @ConfigurationProperties("simulator.callback")
    public record Settings(String url, String keyId, String secret) {

        public Settings {
            if (url != null && !url.isBlank()) {
                if (keyId == null || keyId.isBlank() || secret == null
                        || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
                    throw new IllegalArgumentException("simulator.callback: with a url, key-id and a secret of at "
                            + "least 32 bytes are required");
                }
            }
        }

        boolean enabled() {
            return url != null && !url.isBlank();
        }
    }

    /** What the callbacks did so far. */
    public record Stats(boolean enabled, long sent, long accepted, long refused, long failed, long dropped) {
    }

    private final Settings settings;
    private final Clock clock;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "bureau-callbacks");
                t.setDaemon(true);
                return t;
            });
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public Callbacks(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        if (settings.enabled()) {
            log.info("after each payment the bureau calls back {} (key {})", settings.url(), settings.keyId());
        }
    }

    /** Tells the sender that the payment was made (in the background). */
    void paid(Ledger.Payment p) {
        if (!settings.enabled()) {
            return;
        }
        try {
            executor.execute(() -> send(p));
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
        }
    }

    public Stats stats() {
        return new Stats(settings.enabled(), sent.get(), accepted.get(), refused.get(), failed.get(), dropped.get());
    }

    private void send(Ledger.Payment p) {
        String path = "/api/subsidy/payment-instructions/" + p.instructionId() + "/settlement";
        String body = "{\"instructionId\":\"" + json(p.instructionId()) + "\",\"bureauReference\":\""
                + json(p.bureauReference()) + "\",\"status\":\"" + p.status() + "\",\"amountFen\":" + p.amountFen()
                + ",\"paidAt\":\"" + p.paidAt() + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        byte[] n = new byte[16];
        RANDOM.nextBytes(n);
        String nonce = HEX.formatHex(n);
        String canonical = "SUNSHINE-BUREAU-HMAC-SHA256\nPOST\n" + path + "\n" + timestamp + "\n" + nonce + "\n"
                + sha256Hex(bytes);
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.url().replaceAll("/+$", "") + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Bureau-Key-Id", settings.keyId())
                .header("X-Bureau-Timestamp", timestamp)
                .header("X-Bureau-Nonce", nonce)
                .header("X-Bureau-Signature", hmacHex(settings.secret().getBytes(StandardCharsets.UTF_8), canonical))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        sent.incrementAndGet();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
                accepted.incrementAndGet();
            } else {
                refused.incrementAndGet();
                log.warn("callback for {} answered {}: {}", p.instructionId(), r.statusCode(),
                        r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
            }
        } catch (java.io.IOException e) {
            failed.incrementAndGet();
            log.warn("callback for {} failed: {}", p.instructionId(), e.toString());
        } catch (InterruptedException e) {
            failed.incrementAndGet();
            Thread.currentThread().interrupt();
        }
    }

    static String sha256Hex(byte[] body) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hmacHex(byte[] secret, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
