package cn.sunshine.placement;

import cn.sunshine.platform.test.AccreditationConsumerContract;
import cn.sunshine.platform.test.SunshineServiceTest;
import tools.jackson.databind.JsonNode;

/** placement-service keeps its view of bases from the accreditation events (see the contract). */
@SunshineServiceTest
class AccreditationEventsTest extends AccreditationConsumerContract {

    @Override
    protected String basePath() {
        return "/api/placement/bases/";
    }

    @Override
    protected boolean showsRevoked(JsonNode view) {
        return view.path("revoked").asBoolean();
    }
}
