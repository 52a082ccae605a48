package cn.sunshine.devstack;

import cn.sunshine.embedded.amqp.EmbeddedAmqpBroker;

import java.nio.file.Path;

/**
 * The devstack's fallback AMQP broker: Apache Qpid Broker-J in process, see
 * {@link EmbeddedAmqpBroker} (module tools/embedded-infra, shared with platform-test, whose tests
 * start one when no RabbitMQ answers).
 */
final class QpidBroker implements AutoCloseable {

    private final EmbeddedAmqpBroker broker;

    private QpidBroker(EmbeddedAmqpBroker broker) {
        this.broker = broker;
    }

    static QpidBroker start(String host, int port, Path workDir) throws Exception {
        return new QpidBroker(EmbeddedAmqpBroker.start(host, port, workDir));
    }

    static String initialConfig(String host, int port) {
        return EmbeddedAmqpBroker.initialConfig(host, port);
    }

    static String version() {
        return EmbeddedAmqpBroker.version();
    }

    @Override
    public void close() {
        broker.close();
    }

    @Override
    public String toString() {
        return broker.toString();
    }
}
