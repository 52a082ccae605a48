package cn.sunshine.subsidy;

import cn.sunshine.platform.test.AccessMatrixContract;
import cn.sunshine.platform.test.SunshineServiceTest;

/** Every endpoint of subsidy-service × every role × own and foreign jurisdiction (see the contract). */
@SunshineServiceTest
class AccessMatrixTest extends AccessMatrixContract {
}
