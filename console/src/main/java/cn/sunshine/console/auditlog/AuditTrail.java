package cn.sunshine.console.auditlog;

import cn.sunshine.console.api.ForwardedWrites;
import cn.sunshine.console.session.MongoSessionRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes the login and operation logs from where things happen: the sign-in's success and failure handlers and the
 * sign-out handler (SecurityConfiguration), and the gateway's forwarded writes ({@link ForwardedWrites}). Who comes
 * from the ID token; from where is the client address the gateway resolved ({@code X-Sunshine-Client-Address}, which
 * the gateway sets from the connection or {@code X-Forwarded-For} as far as its trusted proxies go, replacing any the
 * client sent) or else the request's remote address (which {@code forward-headers-strategy: framework} takes from
 * {@code X-Forwarded-For}).
 */
@Component
public class AuditTrail implements ForwardedWrites {

    static final String CLIENT_ADDRESS = "X-Sunshine-Client-Address";
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final AuditLog log;

    public AuditTrail(AuditLog log) {
        this.log = log;
    }

    /** Logs a sign-in (under the session id it will keep: the id is changed before this runs), then goes on. */
    public AuthenticationSuccessHandler signedIn(AuthenticationSuccessHandler next) {
        return (request, response, authentication) -> {
            log.signIn("SIGNED_IN", who(authentication), from(request), null);
            next.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** Logs a failed sign-in with the provider's error code (never its description, which may echo input). */
    public AuthenticationFailureHandler failed(AuthenticationFailureHandler next) {
        return (request, response, exception) -> {
            log.signIn("SIGN_IN_FAILED", AuditLog.Who.ANONYMOUS, from(request), reason(exception));
            next.onAuthenticationFailure(request, response, exception);
        };
    }

    /** Logs a sign-out (runs before the session is invalidated, so its handle is still known). */
    public LogoutHandler signedOut() {
        return (request, response, authentication) -> {
            if (authentication != null) {
                log.signIn("SIGNED_OUT", who(authentication), from(request), null);
            }
        };
    }

    /** A session the operator ended, under the name of whom it was (the sign-in record), by whom. */
    public void endedByOperator(String handle, String operator) {
        log.sessionEnded("ENDED", handle, operator);
    }

    @Override
    public void forwarded(String method, String apiPath, int status, String problemType, String idempotencyKey) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs)) {
            return;
        }
        HttpServletRequest request = attrs.getRequest();
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        log.operation(who(auth), from(request), method, apiPath, request.getRequestURI(), status, problemType, idempotencyKey);
    }

    static AuditLog.Who who(Authentication auth) {
        if (auth == null || !(auth.getPrincipal() instanceof OidcUser user)) {
            return AuditLog.Who.ANONYMOUS;
        }
        Object roles = user.getClaims().get("roles");
        List<String> list = roles instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of();
        String username = user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
        return new AuditLog.Who(user.getSubject(), username, user.getFullName(), list, user.getClaimAsString("division"),
                user.getClaimAsString("baseId"));
    }

    static AuditLog.From from(HttpServletRequest request) {
        String gateway = request.getHeader(CLIENT_ADDRESS);
        String address = gateway != null && IP_LITERAL.matcher(gateway.strip()).matches() ? gateway.strip() : request.getRemoteAddr();
        HttpSession session = request.getSession(false);
        return new AuditLog.From(address, request.getHeader("User-Agent"),
                session == null ? null : MongoSessionRepository.handle(session.getId()));
    }

    private static String reason(AuthenticationException e) {
        if (e instanceof OAuth2AuthenticationException o && o.getError() != null) {
            return o.getError().getErrorCode();
        }
        return e.getClass().getSimpleName();
    }
}
