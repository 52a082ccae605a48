package cn.sunshine.enrollment.confirmation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Trainees' confirmations ({@code sunshine.enrollment.confirmation}).
 *
 * @param codeTtl     how long a code sent lives (a trainee in a village may read the SMS days later)
 * @param maxAttempts wrong codes tried, with the trainee's phone or ID number, before the confirmation is void
 *                    (the county office asks again: a new code)
 * @param echoCode    the officer's answer carries the codes sent ({@code simulatedCodes}): the local run and the
 *                    tests only, where the SMS gateway is simulated
 */
@ConfigurationProperties("sunshine.enrollment.confirmation")
public record ConfirmationProperties(@DefaultValue("14d") Duration codeTtl, @DefaultValue("5") int maxAttempts,
                                     @DefaultValue("false") boolean echoCode) {
}
