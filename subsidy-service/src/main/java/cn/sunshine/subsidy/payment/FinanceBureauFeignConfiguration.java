package cn.sunshine.subsidy.payment;

import feign.Response;
import feign.RetryableException;
import feign.Retryer;
import feign.codec.ErrorDecoder;
import org.springframework.context.annotation.Bean;

/**
 * The finance bureau client's own Feign settings (not a global @Configuration): Feign does not retry
 * by itself (the {@link FinanceBureau} wrapper does, within the circuit breaker), and the bureau's
 * answers become exceptions that say whether another try may help.
 */
class FinanceBureauFeignConfiguration {

    @Bean
    Retryer financeBureauRetryer() {
        return Retryer.NEVER_RETRY;
    }

    @Bean
    ErrorDecoder financeBureauErrors() {
        ErrorDecoder fallback = new ErrorDecoder.Default();
        return (methodKey, response) -> {
            int s = response.status();
            if (s == 429 || s == 502 || s == 503 || s == 504 || s == 500) {
                return new RetryableException(s, "finance bureau answered " + s, response.request().httpMethod(),
                        (Long) null, response.request());
            }
            if (s == 404) {
                return new FinanceBureau.UnknownInstruction(methodKey);
            }
            if (s == 409 || s == 422 || s == 400) {
                return new FinanceBureau.Refused("finance bureau answered " + s + ": " + body(response));
            }
            return fallback.decode(methodKey, response);
        };
    }

    private static String body(Response response) {
        try {
            return response.body() == null ? "" : new String(response.body().asInputStream().readNBytes(500),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
