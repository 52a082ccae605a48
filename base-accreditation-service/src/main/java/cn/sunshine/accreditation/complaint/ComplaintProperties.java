package cn.sunshine.accreditation.complaint;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Complaints (监督举报), {@code sunshine.accreditation.complaints}: each step's due day in working days, and the
 * limits of the public web form (its phone confirmation by a one-time code as for objections).
 *
 * @param assignWithinWorkingDays      a received complaint is assigned a handling officer within this many
 * @param investigateWithinWorkingDays an assigned one's investigation starts within this many
 * @param answerWithinWorkingDays      every complaint is answered within this many of its receipt (答复时限)
 * @param codeTtl                      how long a code (and the unconfirmed complaint) lives
 * @param maxAttempts                  wrong codes before the unconfirmed complaint is void
 * @param maxPendingPerPhone           unconfirmed complaints one phone may have open (each sent an SMS)
 * @param maxPerCaller                 web complaints (anonymous or awaiting their code) one client address may
 *                                     send in {@code callerWindow}
 * @param callerWindow                 the window of {@code maxPerCaller}
 * @param echoCode                     the answer carries the code ({@code simulatedCode}): the local run and the
 *                                     tests only, where the SMS gateway is simulated
 */
@ConfigurationProperties("sunshine.accreditation.complaints")
public record ComplaintProperties(
        @DefaultValue("2") int assignWithinWorkingDays,
        @DefaultValue("3") int investigateWithinWorkingDays,
        @DefaultValue("15") int answerWithinWorkingDays,
        @DefaultValue("10m") Duration codeTtl,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("3") int maxPendingPerPhone,
        @DefaultValue("5") int maxPerCaller,
        @DefaultValue("1h") Duration callerWindow,
        @DefaultValue("false") boolean echoCode) {
}
