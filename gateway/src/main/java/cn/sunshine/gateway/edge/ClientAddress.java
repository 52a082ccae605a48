package cn.sunshine.gateway.edge;

import org.springframework.http.server.reactive.ServerHttpRequest;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The client's address as the edge sees it. With {@code trustedProxyHops} = 0 it is the
 * connection's address and {@code X-Forwarded-For} is ignored (a client can write anything there).
 * With n hops (the ingress, a load balancer, … each appending the address it was called from) it is
 * the n-th entry from the right of {@code X-Forwarded-For} (all such headers, in order): the
 * address the outermost trusted proxy saw. Entries further left were written by the client and are
 * never used; with fewer entries than hops the leftmost (still written by a trusted proxy) is taken,
 * and without the header the connection's address. An entry that is not an IP literal is never
 * resolved (no DNS): the connection's address is used instead.
 */
public final class ClientAddress {

    /** The header the gateway sets on every forwarded request (any incoming one is dropped). */
    public static final String HEADER = "X-Sunshine-Client-Address";

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final int trustedProxyHops;

    public ClientAddress(int trustedProxyHops) {
        if (trustedProxyHops < 0) {
            throw new IllegalArgumentException("sunshine.gateway.rate-limit.trusted-proxy-hops must not be negative");
        }
        this.trustedProxyHops = trustedProxyHops;
    }

    public String resolve(ServerHttpRequest request) {
        String connection = connectionAddress(request.getRemoteAddress());
        if (trustedProxyHops == 0) {
            return connection;
        }
        List<String> forwarded = forwardedFor(request.getHeaders().get("X-Forwarded-For"));
        if (forwarded.isEmpty()) {
            return connection;
        }
        String chosen = strip(forwarded.get(Math.max(0, forwarded.size() - trustedProxyHops)));
        return IP_LITERAL.matcher(chosen).matches() ? chosen : connection;
    }

    static List<String> forwardedFor(List<String> headers) {
        List<String> out = new ArrayList<>();
        if (headers == null) {
            return out;
        }
        for (String h : headers) {
            for (String part : h.split(",")) {
                String p = part.trim();
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** {@code [2001:db8::1]:443} → {@code 2001:db8::1}; {@code 203.0.113.7:5000} → {@code 203.0.113.7}. */
    private static String strip(String entry) {
        if (entry.startsWith("[")) {
            int end = entry.indexOf(']');
            return end > 0 ? entry.substring(1, end) : entry;
        }
        int colon = entry.indexOf(':');
        if (colon > 0 && colon == entry.lastIndexOf(':')) {
            return entry.substring(0, colon);
        }
        return entry;
    }

    private static String connectionAddress(InetSocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
