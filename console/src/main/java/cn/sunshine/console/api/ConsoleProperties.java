package cn.sunshine.console.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * {@code sunshine.console.*}: where the gateway is (the console calls every API through it, as the
 * signed-in person), how long a call may take, and the divisions the public portal offers.
 */
@ConfigurationProperties("sunshine.console")
public record ConsoleProperties(String gatewayUri, Duration timeout, String registrationId, List<Division> publicDivisions) {

    public record Division(String code, String name) {
    }

    public ConsoleProperties {
        gatewayUri = gatewayUri == null ? "http://localhost:8080" : gatewayUri;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        registrationId = registrationId == null ? "sunshine" : registrationId;
        publicDivisions = publicDivisions == null ? List.of() : List.copyOf(publicDivisions);
    }
}
