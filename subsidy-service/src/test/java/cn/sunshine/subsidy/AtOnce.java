package cn.sunshine.subsidy;

import cn.sunshine.platform.test.Http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Requests sent at the same moment, each from its own thread (a double-click, retries, two people deciding at
 * once): every thread waits at one gate, the gate opens, and the answers come back in the order of the requests.
 */
final class AtOnce {

    private AtOnce() {
    }

    /** The same request {@code times} times at once. */
    static List<Http.Response> send(int times, Callable<Http.Response> request) throws Exception {
        return send(Collections.nCopies(times, request));
    }

    static List<Http.Response> send(List<Callable<Http.Response>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (Callable<Http.Response> request : requests) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return request.call();
                }));
            }
            go.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } finally {
            pool.shutdown();
        }
    }
}
