package cn.sunshine.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

/**
 * The console (the web application people work in) behind the gateway at {@code /}: its pages and static
 * files, by these paths only; {@code /api/**} stays the services'. {@code sunshine.console.uri} (env
 * {@code CONSOLE_URI}); no URI, no route. The console signs people in itself (OpenID Connect, its own
 * session cookie): the gateway asks no token on these paths, and relays {@code X-Forwarded-*} so that the
 * console's links and redirect URIs name the gateway's address.
 */
@ConfigurationProperties("sunshine.console")
public record ConsoleRoute(URI uri) {

    public static final String[] PATHS = {"/", "/login/**", "/logout", "/oauth2/authorization/**", "/tasks/**", "/claims",
            "/claims/**", "/classes", "/classes/**", "/dashboard", "/dashboard/**", "/finance", "/finance/**", "/operator/**", "/public", "/public/**", "/assets/**", "/signed-out", "/favicon.ico"};

    public static final String NAME = "console";

    /**
     * The expert's, the reports', the auditor's and the officers' accreditation pages (docs/console.md "More pages"), and
     * the follow-up work: placements due a contact, a placement, the escalation cases; the monitoring points and their trends.
     */
    public static final String[] MORE_PATHS = {"/expert", "/expert/**", "/reports", "/reports/**", "/audit", "/audit/**",
            "/accreditation", "/accreditation/**", "/follow-ups", "/follow-ups/**", "/placements/**", "/escalations", "/escalations/**",
            "/spot-checks", "/spot-checks/**", "/recoveries", "/recoveries/**", "/orders", "/orders/**", "/funding", "/funding/**",
            "/monitoring", "/monitoring/**"};

    /** Every path the console serves: {@link #PATHS} and {@link #MORE_PATHS}. */
    public static String[] allPaths() {
        String[] all = java.util.Arrays.copyOf(PATHS, PATHS.length + MORE_PATHS.length);
        System.arraycopy(MORE_PATHS, 0, all, PATHS.length, MORE_PATHS.length);
        return all;
    }
}
