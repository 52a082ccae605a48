package cn.sunshine.subsidy;

import cn.sunshine.platform.test.ChineseProblemMessagesContract;

/** Every field this service refuses, it refuses in Chinese too (ChineseProblemMessagesContract). */
class ChineseProblemMessagesTest extends ChineseProblemMessagesContract {
}
