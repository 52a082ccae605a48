package cn.sunshine.gateway.reports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One service's part of a report: whether it answered, and its figures when it did.
 *
 * @param area    the API area ({@code enrollment})
 * @param service the service's name ({@code enrollment-service})
 * @param status  OK, or why its figures are missing
 * @param reason  for a part that is not OK, why, in plain words; null when OK
 * @param figures the figures it answered (a null value: the service could not compute it); empty
 *                unless OK
 */
public record Part(String area, String service, Status status, String reason, Map<String, Long> figures) {

    public enum Status {
        /** Answered with every figure it owes. */
        OK,
        /** Does not provide the report yet (404), is down or refused the connection, or answered 503. */
        UNAVAILABLE,
        /** Did not answer within {@code sunshine.reports.timeout}. */
        TIMEOUT,
        /** Answered with an error, or with an answer the gateway cannot read. */
        ERROR
    }

    static Part ok(String area, String service, Map<String, Long> figures) {
        // Map.copyOf refuses null values, and a null figure is an answer ("cannot be computed").
        return new Part(area, service, Status.OK, null, Collections.unmodifiableMap(new LinkedHashMap<>(figures)));
    }

    static Part failed(String area, String service, Status status, String reason) {
        return new Part(area, service, status, reason, Map.of());
    }

    boolean ok() {
        return status == Status.OK;
    }
}
