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

    /** The county the public asked for if it is a division code, else the first the portal offers (420981 if none). */
    public String publicDivision(String asked) {
        return asked != null && asked.matches("[1-9]\\d{5}") ? asked
                : publicDivisions.isEmpty() ? "420981" : publicDivisions.get(0).code();
    }

    /** A division's name as the portal offers it (its code when it is not offered). */
    public String publicDivisionName(String code) {
        return publicDivisions.stream().filter(d -> d.code().equals(code)).map(Division::name).findFirst().orElse(code);
    }
}
