package io.fedmq.mqtt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import org.junit.jupiter.api.Test;

class NoDelaySocketFactoryTest {
    @Test
    void socketsHandedToPahoHaveNagleOff() throws Exception {
        try (Socket s = NoDelaySocketFactory.INSTANCE.createSocket()) {
            assertTrue(s.getTcpNoDelay(), "without TCP_NODELAY a QoS 1 exchange waits ~40 ms for a delayed ACK");
        }
    }

    @Test
    void plainTcpConnectionsUseIt() {
        MqttSettings tcp = MqttSettings.ephemeral("tcp://127.0.0.1:1883", "x");
        assertTrue(PahoOptions.connect(tcp, 10).getSocketFactory() instanceof NoDelaySocketFactory);
    }
}
