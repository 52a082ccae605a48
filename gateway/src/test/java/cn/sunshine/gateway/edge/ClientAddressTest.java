package cn.sunshine.gateway.edge;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    private static MockServerHttpRequest.BaseBuilder<?> from(String connection) {
        return MockServerHttpRequest.get("/api/public/x").remoteAddress(new InetSocketAddress(connection, 40000));
    }

    @Test
    void withoutTrustedHopsTheHeaderIsIgnored() {
        assertThat(new ClientAddress(0).resolve(from("10.0.0.5").header("X-Forwarded-For", "1.1.1.1").build()))
                .isEqualTo("10.0.0.5");
    }

    @Test
    void theEntryThatManyHopsFromTheRightIsTheClientNeverOneFurtherLeft() {
        var request = from("10.0.0.5").header("X-Forwarded-For", "6.6.6.6, 203.0.113.7").build();
        assertThat(new ClientAddress(1).resolve(request)).isEqualTo("203.0.113.7");
        var twoProxies = from("10.0.0.5").header("X-Forwarded-For", "6.6.6.6, 203.0.113.7, 10.1.0.1").build();
        assertThat(new ClientAddress(2).resolve(twoProxies)).isEqualTo("203.0.113.7");
        // several headers are one list, in order
        var split = from("10.0.0.5").header("X-Forwarded-For", "6.6.6.6").header("X-Forwarded-For", "203.0.113.8").build();
        assertThat(new ClientAddress(1).resolve(split)).isEqualTo("203.0.113.8");
    }

    @Test
    void fewerEntriesMissingHeaderPortsAndNamesAreHandledWithoutTrustingTheClient() {
        assertThat(new ClientAddress(2).resolve(from("10.0.0.5").header("X-Forwarded-For", "203.0.113.7").build()))
                .isEqualTo("203.0.113.7");
        assertThat(new ClientAddress(1).resolve(from("10.0.0.5").build())).isEqualTo("10.0.0.5");
        assertThat(new ClientAddress(1).resolve(from("10.0.0.5").header("X-Forwarded-For", "203.0.113.7:5123").build()))
                .isEqualTo("203.0.113.7");
        assertThat(new ClientAddress(1).resolve(from("10.0.0.5").header("X-Forwarded-For", "[2001:db8::1]:443").build()))
                .isEqualTo("2001:db8::1");
        assertThat(new ClientAddress(1).resolve(from("10.0.0.5").header("X-Forwarded-For", "evil.example.com").build()))
                .as("never a name to resolve").isEqualTo("10.0.0.5");
    }
}
