package cn.sunshine.devstack;

import cn.sunshine.devauth.DevClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The service clients the development issuer knows (its client registry): which service may call
 * which, with which scopes, for which division, and its development secret. In a cluster the same
 * registrations live in the province's identity provider (docs/deployment.md).
 *
 * <table>
 *   <caption>registered clients</caption>
 *   <tr><th>client</th><th>audience</th><th>scopes</th><th>division</th></tr>
 *   <tr><td>placement-service</td><td>enrollment-service</td><td>contacts:read</td><td>420000</td></tr>
 * </table>
 */
final class ServiceClients {

    /** placement-service's development secret (run.sh and docker-compose.yml hand it to placement). */
    static final String PLACEMENT_DEV_SECRET = "placement-service-dev-secret";

    record Registration(String secret, DevClient client) {

        String clientId() {
            return client.clientId();
        }

        /** Compares in constant time. */
        boolean secretMatches(String given) {
            return given != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                    given.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final List<Registration> REGISTERED = List.of(
            new Registration(PLACEMENT_DEV_SECRET, new DevClient("placement-service", List.of("enrollment-service"),
                    List.of("contacts:read"), "420000")));

    private ServiceClients() {
    }

    static List<Registration> registered() {
        return REGISTERED;
    }

    static Registration find(String clientId) {
        return REGISTERED.stream().filter(r -> r.clientId().equals(clientId)).findFirst().orElse(null);
    }
}
