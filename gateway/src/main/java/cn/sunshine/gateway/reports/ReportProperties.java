package cn.sunshine.gateway.reports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The gateway's own reports, under {@code sunshine.reports}.
 *
 * @param timeout how long each service has to answer with its part of a report; a part that takes
 *                longer is marked TIMEOUT and the report is answered without it
 */
@ConfigurationProperties("sunshine.reports")
public record ReportProperties(@DefaultValue("3s") Duration timeout) {
}
