package cn.sunshine.platform.test.app;

import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.test.SunshineServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service's queue and its dead-letter queue are quorum queues on RabbitMQ (replicated over a cluster's
 * nodes: the loss of one loses nothing), with the broker's delivery limit as the backstop for a message that
 * kills its consumer. Proven the way the broker itself judges it: declaring the same queue as a classic one
 * is refused as inequivalent, and declaring it as configured is accepted.
 */
@SunshineServiceTest
class QuorumQueuesTest {

    @Autowired
    ConnectionFactory connections;
    @Autowired
    MessagingProperties messaging;

    @Test
    void theServicesQueuesAreQuorumQueuesWithADeliveryLimit() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(cn.sunshine.platform.test.TestBroker.isEmbedded(
                cn.sunshine.platform.test.TestBroker.address()), "the embedded Qpid broker has no quorum queues: "
                + "it gets classic ones; this test is for RabbitMQ (CI runs it with SUNSHINE_TEST_BROKER=rabbitmq)");
        assertThat(messaging.getQueueType()).isEqualTo("quorum");
        for (String queue : new String[]{messaging.getQueue(), messaging.deadLetterQueue()}) {
            try (var connection = connections.createConnection(); var channel = connection.createChannel(false)) {
                channel.queueDeclarePassive(queue); // it exists
                assertThatThrownBy(() -> channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "classic")))
                        .as(queue + " is not a plain classic queue").hasStackTraceContaining("inequivalent arg");
            }
        }
        try (var connection = connections.createConnection(); var channel = connection.createChannel(false)) {
            // Declaring them exactly as configured is accepted: quorum, the delivery limit, the dead-letter route.
            channel.queueDeclare(messaging.deadLetterQueue(), true, false, false, Map.of("x-queue-type", "quorum"));
            channel.queueDeclare(messaging.getQueue(), true, false, false, Map.of("x-queue-type", "quorum",
                    "x-delivery-limit", Math.max(10, messaging.getMaxAttempts() * 2), "x-dead-letter-exchange", "",
                    "x-dead-letter-routing-key", messaging.deadLetterQueue()));
        }
    }
}
