package cn.sunshine.enrollment;

import cn.sunshine.enrollment.quota.Places;
import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.ServiceTestSupport;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;

/**
 * What enrollment's HTTP-level tests share beyond the platform's {@link ServiceTestSupport}: the broker that plays
 * accreditation's events, the quota counters and the database, and the fixtures made with them — a base with an
 * agreed quota ({@link AgreedBase}), a class opened with its trainees ({@link OpenedClass}).
 */
abstract class EnrollmentServiceTest extends ServiceTestSupport {

    /** The day the fixtures' classes start (2026-07-06, 9:00 in Asia/Shanghai). */
    static final Instant DAY_ONE = Instant.parse("2026-07-06T01:00:00Z");

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    MessagingProperties messaging;
    @Autowired
    Places places;
    @Autowired
    MongoTemplate mongo;

    /** A base of the county accredited for 电焊 with an agreed quota for 2026 (see {@link AgreedBase#accredit}). */
    AgreedBase agreedBase(String name, String division, int quota) {
        return AgreedBase.accredit(http(), rabbit, messaging.getExchange(), places, name, division, quota);
    }

    /** A base of 应城市 (a quota of 60) with its class opened and its trainees enrolled (see {@link OpenedClass#open}). */
    OpenedClass openedClass(String baseName, int trainees) {
        return OpenedClass.open(http(), agreedBase(baseName, Seeds.YINGCHENG, 60), trainees);
    }
}
