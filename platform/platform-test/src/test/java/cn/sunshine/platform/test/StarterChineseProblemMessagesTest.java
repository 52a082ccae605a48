package cn.sunshine.platform.test;

import java.nio.file.Path;

/**
 * Every field the platform's own code refuses (pages, attachments, progress periods), it refuses in Chinese too. The
 * starter cannot test itself with this module (this module depends on it): its sources are read from beside this one.
 */
class StarterChineseProblemMessagesTest extends ChineseProblemMessagesContract {

    StarterChineseProblemMessagesTest() {
        super(Path.of("../platform-starter/src/main/java"),
                Path.of("../platform-starter/src/main/resources/cn/sunshine/platform/problem-messages_zh_CN.properties"));
    }
}
