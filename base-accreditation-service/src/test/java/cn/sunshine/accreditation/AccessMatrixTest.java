package cn.sunshine.accreditation;

import cn.sunshine.platform.test.AccessMatrixContract;
import cn.sunshine.platform.test.SunshineServiceTest;

/** Every endpoint of base-accreditation-service × every role × own and foreign jurisdiction (see the contract). */
@SunshineServiceTest
class AccessMatrixTest extends AccessMatrixContract {
}
