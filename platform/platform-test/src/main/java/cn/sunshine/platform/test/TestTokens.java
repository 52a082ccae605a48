package cn.sunshine.platform.test;

import cn.sunshine.devauth.DevClient;
import cn.sunshine.devauth.DevTokens;
import cn.sunshine.devauth.DevUser;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Test tokens for any role and jurisdiction, signed with the development key. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String of(String role, String division) {
        return DevTokens.mint(DevUser.of(role, division));
    }

    /** A person's token of the same issuer meant for other audiences (another application of the realm). */
    public static String withAudience(String role, String division, String... audiences) {
        return DevTokens.mint(DevUser.of(role, division), Duration.ofHours(1), List.of(audiences));
    }

    public static String baseStaff(String division, String baseId) {
        return DevTokens.mint(DevUser.baseStaff(division, baseId));
    }

    public static String of(String username, Set<String> roles, String division, String baseId) {
        return DevTokens.mint(new DevUser(username, username, roles, division, baseId));
    }

    /**
     * A client-credentials token of a service of the suite, as the devstack's {@code /oauth2/token}
     * (or the province's identity provider) issues it: {@code sub}/{@code azp}/{@code client_id} =
     * {@code clientId}, {@code aud} = {@code audience}, {@code scope} = the scopes, space-separated,
     * {@code division} = the jurisdiction the client acts for; no roles.
     */
    public static String client(String clientId, String audience, List<String> scopes, String division) {
        return DevTokens.mintClient(new DevClient(clientId, List.of(audience), scopes, division));
    }

    /** The same, with a lifetime of the caller's choosing (e.g. negative for an expired token). */
    public static String client(String clientId, String audience, List<String> scopes, String division, Duration ttl) {
        return DevTokens.mintClient(new DevClient(clientId, List.of(audience), scopes, division), ttl);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
