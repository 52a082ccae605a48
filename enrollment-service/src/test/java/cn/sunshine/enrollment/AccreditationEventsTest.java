package cn.sunshine.enrollment;

import cn.sunshine.platform.test.AccreditationConsumerContract;
import cn.sunshine.platform.test.SunshineServiceTest;
import tools.jackson.databind.JsonNode;

/** enrollment-service keeps its view of bases from the accreditation events (see the contract). */
@SunshineServiceTest
class AccreditationEventsTest extends AccreditationConsumerContract {

    @Override
    protected String basePath() {
        return "/api/enrollment/bases/";
    }

    @Override
    protected boolean showsRevoked(JsonNode view) {
        return view.path("standing").asText().equals("REVOKED");
    }
}
