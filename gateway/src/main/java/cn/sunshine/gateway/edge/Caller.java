package cn.sunshine.gateway.edge;

import org.springframework.web.server.ServerWebExchange;

/**
 * Who is calling, as far as the edge needs to know: the token subject, or for a caller without a
 * token the client address. Kept as an exchange attribute for the rate limit and the access log.
 */
public record Caller(String subject, String address) {

    public static final String ATTRIBUTE = Caller.class.getName();

    public static Caller authenticated(String subject) {
        return new Caller(subject, null);
    }

    public static Caller anonymous(String address) {
        return new Caller(null, address == null ? "unknown" : address);
    }

    public boolean isAuthenticated() {
        return subject != null;
    }

    /** The rate-limit bucket key. */
    public String key() {
        return isAuthenticated() ? "sub:" + subject : "ip:" + address;
    }

    /** What the access log names: the subject, or "-" (client addresses are not logged). */
    public String logName() {
        return isAuthenticated() ? subject : "-";
    }

    public static Caller of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
