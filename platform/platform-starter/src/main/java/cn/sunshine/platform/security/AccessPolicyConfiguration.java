package cn.sunshine.platform.security;

import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Wires {@link AccessPolicy} into MVC and publishes each operation's policy in the OpenAPI document. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class AccessPolicyConfiguration {

    @Bean
    AccessPolicy accessPolicy(ApplicationContext context,
                              @Value("${sunshine.security.require-access-policy:true}") boolean strict) {
        return new AccessPolicy(context, strict);
    }

    @Bean
    WebMvcConfigurer accessPolicyInterceptor(AccessPolicy policy) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(policy).addPathPatterns("/api/**");
            }
        };
    }

    /**
     * {@code x-sunshine-access: {public, roles, scopes}} on every operation (scopes: what a service's
     * client-credentials token must carry), and the same in its description.
     */
    @Bean
    OperationCustomizer accessPolicyInOpenApi() {
        return (Operation operation, HandlerMethod handler) -> {
            Set<Role> roles = AccessPolicy.rolesOf(handler);
            Map<String, Object> access = new LinkedHashMap<>();
            access.put("public", roles == null);
            access.put("roles", roles == null ? List.of() : roles.stream().map(Role::name).sorted().toList());
            Set<String> scopes = AccessPolicy.scopesOf(handler);
            if (!scopes.isEmpty()) {
                access.put("scopes", List.copyOf(scopes));
            }
            operation.addExtension("x-sunshine-access", access);
            String who = roles == null ? "Public: no token needed." : "Roles: " + String.join(", ",
                    roles.stream().map(Role::name).sorted().toList()) + " (within their jurisdiction).";
            if (!scopes.isEmpty()) {
                who += " Services: a client-credentials token with the scope " + String.join(" or ", scopes)
                        + " (within the client's division).";
            }
            operation.setDescription(operation.getDescription() == null ? who : operation.getDescription() + "\n\n" + who);
            return operation;
        };
    }
}
