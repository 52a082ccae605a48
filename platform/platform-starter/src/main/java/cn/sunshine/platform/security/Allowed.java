package cn.sunshine.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call an endpoint. Every {@code /api/**} endpoint carries either this or
 * {@link PublicEndpoint}; a service with an endpoint that carries neither refuses to start, so no
 * endpoint escapes the access policy. The policy is enforced before the handler runs, published in
 * the OpenAPI document ({@code x-sunshine-access}) and walked by the access-matrix tests.
 * Jurisdiction (which records of the role's kind) is checked inside, with {@link Jurisdiction}.
 * A service calls an endpoint only if it names a scope the service's token carries.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Allowed {

    /** The people's roles that may call it (besides those of its {@link #groups()}). */
    Role[] value() default {};

    /** Groups of roles that may call it, named once in {@link Roles} (e.g. {@code Roles.OFFICIALS}). */
    Roles[] groups() default {};

    /**
     * The scopes that let a service of the suite call it with its client-credentials token (e.g.
     * {@code contacts:read}); a person's token never passes by a scope, a service's never by a role.
     */
    String[] scopes() default {};
}
