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
            "/claims/**", "/public", "/public/**", "/assets/**", "/signed-out", "/favicon.ico"};

    public static final String NAME = "console";
}
