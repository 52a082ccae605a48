package cn.sunshine.accreditation;

import cn.sunshine.platform.test.arch.HouseRules;
import org.junit.jupiter.api.Test;

/** The house rules (platform-test HouseRules; docs/architecture.md) over this service's main classes. */
class AccreditationHouseRulesTest {

    @Test
    void theServiceKeepsTheHouseRules() {
        HouseRules.check("cn.sunshine.accreditation");
    }
}
