package cn.sunshine.platform.test.app;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any write with an Idempotency-Key, on any endpoint: sent again (a lost answer, a retry, a double-click),
 * it has one effect and gets the first answer again; another body with the key is refused; a refusal frees
 * the key; a malformed key is a 400 naming the header.
 */
@SunshineServiceTest
class IdempotencyFilterTest {

    @LocalServerPort
    int port;

    private final String officer = TestTokens.of("COUNTY_OFFICER", "420981");

    private Http.Response send(String key, Map<String, Object> body) {
        Http h = Http.local(port).as(officer);
        if (key != null) {
            h = h.header("Idempotency-Key", key);
        }
        return h.post("/api/probe/effects", body);
    }

    @Test
    void theSameWriteSentAgainHasOneEffectAndTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        int before = ProbeController.EFFECTS.get();
        Http.Response first = send(key, Map.of("name", "应城", "amountFen", 1));
        Http.Response again = send(key, Map.of("name", "应城", "amountFen", 1));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(ProbeController.EFFECTS.get() - before).as("one effect").isEqualTo(1);

        Http.Response other = send(key, Map.of("name", "安陆", "amountFen", 1));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("type").asText()).isEqualTo("urn:sunshine:problem:idempotency-key-reused");
        assertThat(ProbeController.EFFECTS.get() - before).isEqualTo(1);

        Http.Response noKey1 = send(null, Map.of("name", "应城", "amountFen", 1));
        Http.Response noKey2 = send(null, Map.of("name", "应城", "amountFen", 1));
        assertThat(noKey1.json().path("id").asText()).isNotEqualTo(noKey2.json().path("id").asText());
    }

    @Test
    void aRefusalFreesTheKeyAndAMalformedKeyIsNamed() {
        String key = UUID.randomUUID().toString();
        Http.Response refused = send(key, Map.of("name", "", "amountFen", 1));
        assertThat(refused.status()).isEqualTo(400);
        Http.Response corrected = send(key, Map.of("name", "应城", "amountFen", 1));
        assertThat(corrected.status()).as("the key was freed by the refusal").isEqualTo(201);

        Http.Response malformed = send("x".repeat(101), Map.of("name", "应城", "amountFen", 1));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void tenAtOnceWithOneKeyHaveOneEffect() throws Exception {
        String key = UUID.randomUUID().toString();
        int before = ProbeController.EFFECTS.get();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return send(key, Map.of("name", "应城", "amountFen", 7));
            }));
        }
        go.countDown();
        for (Future<Http.Response> f : answers) {
            assertThat(f.get().status()).as("the answer, or 'still running, retry'").isIn(201, 409);
        }
        pool.shutdown();
        assertThat(ProbeController.EFFECTS.get() - before).isEqualTo(1);
    }

    @Test
    void anotherCallerWithTheSameKeyIsAnotherRequest() {
        String key = UUID.randomUUID().toString();
        int before = ProbeController.EFFECTS.get();
        send(key, Map.of("name", "应城", "amountFen", 1));
        Http.Response other = Http.local(port).as(TestTokens.of("officer-li", java.util.Set.of("COUNTY_OFFICER"), "420981", null))
                .header("Idempotency-Key", key).post("/api/probe/effects", Map.of("name", "应城", "amountFen", 1));
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.header("Idempotent-Replayed")).isNull();
        assertThat(ProbeController.EFFECTS.get() - before).isEqualTo(2);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    /**
     * The key's lease: a request that runs longer than the lease keeps its key (its process renews it), so a
     * retry meanwhile is told to wait and nothing runs twice; a request whose process died (a record no one
     * renews) is taken over by the retry once the lease has passed.
     */
    @Test
    void aSlowRequestKeepsItsKeyAndADeadOnesKeyIsTakenOverAfterTheLease() throws Exception {
        cn.sunshine.platform.web.IdempotencyProperties props = new cn.sunshine.platform.web.IdempotencyProperties();
        props.setLease(java.time.Duration.ofMillis(600));
        try (cn.sunshine.platform.web.IdempotentRequests requests = new cn.sunshine.platform.web.IdempotentRequests(mongo,
                tools.jackson.databind.json.JsonMapper.builder().build(), props, java.time.Clock.systemUTC())) {
            java.util.concurrent.atomic.AtomicInteger effects = new java.util.concurrent.atomic.AtomicInteger();
            String key = UUID.randomUUID().toString();
            String hash = cn.sunshine.platform.web.IdempotentRequests.hash("application/json", "{}".getBytes());
            CountDownLatch started = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<org.springframework.http.ResponseEntity<?>> slow = pool.submit(() -> requests.runHashed("probe", key, hash,
                    () -> {
                        started.countDown();
                        effects.incrementAndGet();
                        try {
                            Thread.sleep(2_000);   // more than three leases
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return org.springframework.http.ResponseEntity.status(201).body(Map.of("done", true));
                    }));
            started.await();
            Thread.sleep(1_500);
            org.springframework.http.ResponseEntity<?> meanwhile = requests.runHashed("probe", key, hash, () -> {
                effects.incrementAndGet();
                return org.springframework.http.ResponseEntity.status(201).build();
            });
            assertThat(meanwhile.getStatusCode().value()).as("still running past the lease: wait").isEqualTo(409);
            assertThat(slow.get().getStatusCode().value()).isEqualTo(201);
            pool.shutdown();
            assertThat(effects.get()).as("ran once").isEqualTo(1);

            // a process died mid-way: its record stays PENDING and nobody renews it
            String orphan = UUID.randomUUID().toString();
            mongo.insert(new org.bson.Document("_id", "probe:" + orphan).append("requestHash", hash)
                    .append("status", "PENDING").append("owner", "a-dead-process")
                    .append("startedAt", java.util.Date.from(java.time.Instant.now()))
                    .append("expiresAt", java.util.Date.from(java.time.Instant.now().plusSeconds(3600))),
                    cn.sunshine.platform.web.IdempotentRequests.COLLECTION);
            assertThat(requests.runHashed("probe", orphan, hash, () -> org.springframework.http.ResponseEntity.status(201).build())
                    .getStatusCode().value()).as("within the lease: wait").isEqualTo(409);
            Thread.sleep(700);
            assertThat(requests.runHashed("probe", orphan, hash, () -> org.springframework.http.ResponseEntity.status(201).build())
                    .getStatusCode().value()).as("past the lease: taken over and run").isEqualTo(201);
        }
    }
}
