package cn.sunshine.gateway.edge;

import cn.sunshine.gateway.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.BodyInserters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19 at the edge: with the gateway's own limit (21 MB: a 20 MB attachment and its envelope), a 30 MB upload
 * is refused with a problem and never reaches the service; a 5 MB one passes whole. (Its own context: the other
 * tests run with small limits.)
 */
@TestPropertySource(properties = "sunshine.gateway.max-request-size=21MB")
class AttachmentUploadLimitTest extends GatewayTest {

    static final String PATH = "/api/subsidy/classes/class-1/claim-attachments";

    @Test
    void theGatewaysDefaultLetsA20MbAttachmentThrough() throws Exception {
        String yml = Files.readString(Path.of("src/main/resources/application.yml"), StandardCharsets.UTF_8);
        assertThat(yml).contains("max-request-size: ${GATEWAY_MAX_REQUEST_SIZE:21MB}");
    }

    @Test
    void a30MbUploadIs413AndNeverReachesTheServiceA5MbOnePasses() {
        SUBSIDY.stubFor(post(PATH).willReturn(okJson("{\"id\":\"a-1\"}").withStatus(201)));

        http.post().uri(PATH).header(HttpHeaders.AUTHORIZATION, bearer("uploader"))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(upload(30)))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:sunshine:problem:payload-too-large");
        SUBSIDY.verify(0, anyRequestedFor(anyUrl()));

        http.post().uri(PATH).header(HttpHeaders.AUTHORIZATION, bearer("uploader"))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(upload(5)))
                .exchange()
                .expectStatus().isEqualTo(201);
        SUBSIDY.verify(1, postRequestedFor(urlEqualTo(PATH)));
        long received = SUBSIDY.getAllServeEvents().get(0).getRequest().getBody().length;
        assertThat(received).as("the whole upload reached the service").isGreaterThan(5L * 1024 * 1024);
    }

    private static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> upload(int mb) {
        byte[] pdf = new byte[mb * 1024 * 1024];
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 9);
        MultipartBodyBuilder b = new MultipartBodyBuilder();
        b.part("kind", "FEE_RECEIPT");
        b.part("file", new ByteArrayResource(pdf) {
            @Override
            public String getFilename() {
                return "收据.pdf";
            }
        }).contentType(MediaType.APPLICATION_PDF);
        return b.build();
    }
}
