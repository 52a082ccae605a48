package cn.sunshine.gateway.observability;

import cn.sunshine.gateway.GatewayTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class AccessLogTest extends GatewayTest {

    @Test
    void oneLinePerRequestWithCallerAndTraceButNeverTheQueryString(CapturedOutput output) throws InterruptedException {
        ACCREDITATION.stubFor(get(urlPathEqualTo("/api/accreditation/applications")).willReturn(okJson("{\"items\":[]}")));
        String traceId = "0af7651916cd43dd8448eb211c80319c";

        http.get().uri("/api/accreditation/applications?idNumber=420981199001011234&phone=13912345678")
                .header(HttpHeaders.AUTHORIZATION, bearer("county-officer-yingcheng"))
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .exchange().expectStatus().isOk();

        String expected = "GET /api/accreditation/applications 200 ";
        for (int i = 0; i < 50 && !output.getOut().contains(expected); i++) {
            Thread.sleep(20);
        }
        String line = output.getOut().lines().filter(l -> l.contains(expected)).findFirst().orElseThrow();
        assertThat(line).contains("caller=county-officer-yingcheng").contains("trace=" + traceId);
        assertThat(output.getAll()).doesNotContain("420981199001011234").doesNotContain("13912345678")
                .doesNotContain("idNumber");
    }
}
