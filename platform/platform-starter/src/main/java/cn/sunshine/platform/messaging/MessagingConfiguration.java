package cn.sunshine.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The broker topology and the consumer: one durable topic exchange; per service one durable
 * queue (a quorum queue with a delivery limit, unless {@code sunshine.messaging.queue-type=classic})
 * bound to exactly the event types it subscribes to, and its dead-letter queue; a listener with
 * manual acknowledgement dispatching to the handlers.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
        "cn.sunshine.platform.config.PlatformAutoConfiguration"})
public class MessagingConfiguration {

    @Bean
    Declarables sunshineTopology(MessagingProperties props, ObjectProvider<EventSubscriptions> subscriptions) {
        List<Declarable> d = new ArrayList<>();
        TopicExchange exchange = new TopicExchange(props.getExchange(), true, false);
        d.add(exchange);
        Queue queue;
        Queue dlq;
        if (props.quorum()) {
            // Replicated over the cluster's nodes (the loss of one loses nothing). The handler dead-letters a
            // failing event itself after max-attempts; the broker's delivery limit is the backstop for a
            // message that kills its consumer before the handler can count (a poison message crashing the
            // process): past it the broker routes the message to the same dead-letter queue.
            queue = QueueBuilder.durable(props.getQueue()).quorum().deliveryLimit(Math.max(10, props.getMaxAttempts() * 2))
                    .deadLetterExchange("").deadLetterRoutingKey(props.deadLetterQueue()).build();
            dlq = QueueBuilder.durable(props.deadLetterQueue()).quorum().build();
        } else {
            queue = QueueBuilder.durable(props.getQueue()).build();
            dlq = QueueBuilder.durable(props.deadLetterQueue()).build();
        }
        d.add(queue);
        d.add(dlq);
        EventSubscriptions subs = EventSubscriptions.merge(subscriptions.orderedStream().toList());
        {
            for (EventSubscriptions.Subscription<?> s : subs.all()) {
                Binding b = BindingBuilder.bind(queue).to(exchange).with(s.type().name());
                d.add(b);
            }
        }
        return new Declarables(d);
    }

    /**
     * A queue that exists with other arguments (a classic queue declared by an earlier version, on a developer's
     * broker) must not stop the service: the declaration's refusal is logged and the existing queue is used.
     * Deleting it (when empty) lets the next start declare it as configured.
     */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor sunshineTolerantDeclarations() {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof org.springframework.amqp.rabbit.core.RabbitAdmin admin) {
                    admin.setIgnoreDeclarationExceptions(true);
                }
                return bean;
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    DeadLetters deadLetters(RabbitTemplate rabbit, MessagingProperties props,
                            org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        DeadLetters d = new DeadLetters(rabbit, props, Clock.systemUTC());
        meters.ifAvailable(m -> io.micrometer.core.instrument.Gauge.builder("sunshine.deadletters.waiting", d, x -> {
            try {
                return x.count();
            } catch (RuntimeException e) {
                return Double.NaN; // the broker is unreachable: unknown, not 0
            }
        }).description("messages waiting in this service's dead-letter queue").register(m));
        return d;
    }

    @Bean
    @ConditionalOnMissingBean
    DeadLetterEndpoint deadLetterEndpoint(DeadLetters deadLetters) {
        return new DeadLetterEndpoint(deadLetters);
    }

    @Bean
    @ConditionalOnBean(EventSubscriptions.class)
    EventDispatcher eventDispatcher(List<EventSubscriptions> subscriptions, EventJson json, MessagingProperties props,
                                    DeadLetters deadLetters, MeterRegistry meters) {
        return new EventDispatcher(EventSubscriptions.merge(subscriptions), json, props, deadLetters, meters);
    }

    @Bean
    @ConditionalOnBean(EventSubscriptions.class)
    SimpleMessageListenerContainer sunshineEventListener(ConnectionFactory connectionFactory, MessagingProperties props,
                                                         EventDispatcher dispatcher) {
        SimpleMessageListenerContainer c = new SimpleMessageListenerContainer(connectionFactory);
        c.setQueueNames(props.getQueue());
        c.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        c.setPrefetchCount(props.getPrefetch());
        c.setConcurrentConsumers(props.getConcurrency());
        c.setMissingQueuesFatal(false);
        c.setObservationEnabled(true);
        c.setDefaultRequeueRejected(true);
        c.setMessageListener(dispatcher);
        return c;
    }
}
