package cn.sunshine.console.api;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every call to the gateway says the person's language ({@code Accept-Language}: the console's locale, zh-CN by
 * default, en by the switch), so the services' problems come back in it and the page shows them as they are.
 */
class GatewayLanguageTest {

    HttpServer server;
    final List<String> languages = new CopyOnWriteArrayList<>();
    Gateway gateway;

    @BeforeEach
    void aGateway() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String language = exchange.getRequestHeaders().getFirst("Accept-Language");
            languages.add(String.valueOf(language));
            boolean chinese = language != null && language.startsWith("zh");
            byte[] body = ("{\"type\":\"urn:sunshine:problem:validation\",\"status\":400,\"detail\":\""
                    + (chinese ? "gender：与身份证号不符" : "gender: does not match the resident ID number") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        gateway = new Gateway(JsonMapper.builder().build(), null, new ConsoleProperties(
                "http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofSeconds(5), "sunshine", List.of()));
    }

    @AfterEach
    void stop() {
        LocaleContextHolder.resetLocaleContext();
        server.stop(0);
    }

    @Test
    void theConsolesLocaleGoesWithEveryCallAndTheProblemComesBackInIt() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThatThrownBy(() -> gateway.getPublic("/api/public/anything")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.detail()).isEqualTo("gender：与身份证号不符"));
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThatThrownBy(() -> gateway.postPublic("/api/public/anything", Map.of("a", 1), h -> { }))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.detail()).isEqualTo("gender: does not match the resident ID number"));
        assertThat(languages).containsExactly("zh-CN", "en");
    }
}
