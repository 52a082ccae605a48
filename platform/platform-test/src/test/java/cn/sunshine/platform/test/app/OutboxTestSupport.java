package cn.sunshine.platform.test.app;

import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.outbox.AggregateStore;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** What the outbox and relay tests work with: the store that writes aggregates with events, the database, the broker. */
abstract class OutboxTestSupport {

    @Autowired
    protected AggregateStore store;
    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected RabbitTemplate rabbit;
    @Autowired
    protected MessagingProperties messaging;
}
