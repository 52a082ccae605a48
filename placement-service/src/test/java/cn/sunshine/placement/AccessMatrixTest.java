package cn.sunshine.placement;

import cn.sunshine.platform.test.AccessMatrixContract;
import cn.sunshine.platform.test.SunshineServiceTest;

/** Every endpoint of placement-service × every role × own and foreign jurisdiction (see the contract). */
@SunshineServiceTest
class AccessMatrixTest extends AccessMatrixContract {
}
