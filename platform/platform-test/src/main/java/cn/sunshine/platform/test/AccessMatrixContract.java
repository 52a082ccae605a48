package cn.sunshine.platform.test;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service's test suite extends this: it walks the service's own OpenAPI document with
 * {@link AccessMatrix}, so an endpoint added tomorrow is checked without anyone writing a test.
 */
public abstract class AccessMatrixContract {

    @LocalServerPort
    protected int port;

    @Test
    void everyEndpointAnswersEveryCallerAsItsAccessPolicySays() {
        AccessMatrix.Result result = AccessMatrix.walk(Http.local(port), "/v3/api-docs");
        assertThat(result.operations()).as("operations in the OpenAPI document").isNotEmpty();
        assertThat(result.violations()).as("answers against the access policy").isEmpty();
    }
}
