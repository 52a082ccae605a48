package cn.sunshine.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enforces {@link Allowed} / {@link PublicEndpoint} on every request, and at start-up refuses a
 * service that has an {@code /api/**} endpoint without a policy, or a policy on the wrong side of
 * {@code /api/public/**}.
 */
public class AccessPolicy implements HandlerInterceptor, SmartInitializingSingleton {

    private final ApplicationContext context;
    private final boolean strict;

    /**
     * @param strict refuse to start (and refuse requests) when an endpoint has no policy; off only
     *               while a module is being migrated ({@code sunshine.security.require-access-policy})
     */
    public AccessPolicy(ApplicationContext context, boolean strict) {
        this.context = context;
        this.strict = strict;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !request.getRequestURI().startsWith("/api/")) {
            return true;
        }
        if (method.hasMethodAnnotation(PublicEndpoint.class)) {
            return true;
        }
        Allowed allowed = method.getMethodAnnotation(Allowed.class);
        if (allowed == null) {
            if (strict) {
                throw new AccessDeniedException("no access policy on " + method.getShortLogMessage());
            }
            return true;
        }
        CurrentUser user = Jurisdiction.currentUser();
        Set<Role> roles = Roles.of(allowed);
        if (!user.hasAny(roles.toArray(Role[]::new)) && !user.hasAnyScope(allowed.scopes())) {
            throw new AccessDeniedException("needs one of " + roles
                    + (allowed.scopes().length == 0 ? "" : " or a service scope of " + Arrays.toString(allowed.scopes())));
        }
        return true;
    }

    /** The roles allowed on a handler, or null for a public endpoint. */
    public static Set<Role> rolesOf(HandlerMethod method) {
        if (method.hasMethodAnnotation(PublicEndpoint.class)) {
            return null;
        }
        Allowed allowed = method.getMethodAnnotation(Allowed.class);
        return allowed == null ? Set.of() : Roles.of(allowed);
    }

    /** The service scopes allowed on a handler (empty for a public endpoint or one for people only). */
    public static Set<String> scopesOf(HandlerMethod method) {
        Allowed allowed = method.getMethodAnnotation(Allowed.class);
        return allowed == null ? Set.of() : new java.util.TreeSet<>(Arrays.asList(allowed.scopes()));
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = new ArrayList<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
                Set<String> patterns = e.getKey().getPatternValues();
                boolean api = patterns.stream().anyMatch(p -> p.startsWith("/api/"));
                if (!api) {
                    continue;
                }
                boolean publicPath = patterns.stream().allMatch(p -> p.startsWith("/api/public/"));
                HandlerMethod m = e.getValue();
                boolean isPublic = m.hasMethodAnnotation(PublicEndpoint.class);
                boolean hasRoles = m.hasMethodAnnotation(Allowed.class);
                if (isPublic == hasRoles) {
                    problems.add(patterns + " " + m.getShortLogMessage() + ": needs exactly one of @Allowed or @PublicEndpoint");
                } else if (isPublic != publicPath) {
                    problems.add(patterns + " " + m.getShortLogMessage()
                            + (isPublic ? ": @PublicEndpoint outside /api/public/**" : ": /api/public/** needs @PublicEndpoint"));
                } else if (hasRoles && Roles.of(m.getMethodAnnotation(Allowed.class)).isEmpty()
                        && m.getMethodAnnotation(Allowed.class).scopes().length == 0) {
                    problems.add(patterns + " " + m.getShortLogMessage() + ": @Allowed names no role and no scope");
                }
            }
        }
        if (!problems.isEmpty() && !strict) {
            org.slf4j.LoggerFactory.getLogger(AccessPolicy.class).warn("endpoints without a valid access policy:\n  {}",
                    String.join("\n  ", problems));
        } else if (!problems.isEmpty()) {
            throw new IllegalStateException("endpoints without a valid access policy:\n  " + String.join("\n  ", problems));
        }
    }
}
