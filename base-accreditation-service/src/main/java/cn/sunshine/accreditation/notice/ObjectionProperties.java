package cn.sunshine.accreditation.notice;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Objections to a public notice ({@code sunshine.accreditation.objections}): an objection counts
 * once its filer confirms it with the one-time code sent to their phone.
 *
 * @param codeTtl             how long a code (and the unconfirmed objection) lives; then it is gone
 * @param maxAttempts         wrong codes before the unconfirmed objection is void
 * @param maxPendingPerPhone  unconfirmed objections one phone may have open on one notice (each sent an SMS)
 * @param maxPendingPerCaller unconfirmed objections one client address may have open on one notice
 * @param maxPerPhone         confirmed objections one phone may file on one notice
 * @param maxObjectors        distinct phones a notice takes objections from (the document's bound); a
 *                            phone that already objected may add objections only while the notice holds
 *                            fewer than this many in all
 * @param echoCode            the answer carries the code ({@code simulatedCode}): the local run and the
 *                            tests only, where the SMS gateway is simulated
 */
@ConfigurationProperties("sunshine.accreditation.objections")
public record ObjectionProperties(
        @DefaultValue("10m") Duration codeTtl,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("3") int maxPendingPerPhone,
        @DefaultValue("10") int maxPendingPerCaller,
        @DefaultValue("3") int maxPerPhone,
        @DefaultValue("2000") int maxObjectors,
        @DefaultValue("false") boolean echoCode) {
}
