package cn.sunshine.placement;

import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * enrollment-service played by WireMock (standalone) on 127.0.0.1 and a random port, for the
 * module's one Spring context: the contact client points at it and carries a SERVICE token of the
 * province. Stopped with the JVM.
 */
public class EnrollmentStub implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String SERVICE_TOKEN = TestTokens.of("SERVICE", Seeds.PROVINCE);

    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
            WireMockServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "enrollment-stub-stop"));
        }
        return server;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        WireMockServer s = server();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("enrollment-stub", Map.of(
                "sunshine.placement.enrollment.url", "http://127.0.0.1:" + s.port(),
                "sunshine.placement.enrollment.service-token", SERVICE_TOKEN,
                "sunshine.placement.enrollment.read-timeout", "PT0.8S")));
    }
}
