package cn.sunshine.platform.test.app;

import cn.sunshine.platform.test.AccessMatrix;
import cn.sunshine.platform.test.AccessMatrixContract;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.SunshineServiceTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The matrix on the platform's probe endpoints, and proof that it catches a broken policy. */
@SunshineServiceTest
class AccessMatrixTest extends AccessMatrixContract {

    @Test
    void theMatrixSeesEveryProbeOperationWithItsPolicy() {
        AccessMatrix.Result result = AccessMatrix.walk(Http.local(port), "/v3/api-docs");
        assertThat(result.operations()).contains("POST /api/probe/items", "GET /api/probe/divisions/{division}",
                "GET /api/public/probe");
        String doc = Http.local(port).get("/v3/api-docs").body();
        assertThat(doc).contains("x-sunshine-access");
    }
}
