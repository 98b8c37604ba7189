package io.fedmq.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.mqtt.MqttSettings.Credentials;
import io.fedmq.mqtt.MqttSettings.Will;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MqttSettingsTest {
    private static final String URI = "tcp://127.0.0.1:1883";

    @Test
    void nodesKeepTheirSessionUnlikePahosDefaults() {
        MqttSettings s = MqttSettings.persistent(URI, "pi-1");
        assertFalse(s.cleanStart());
        assertTrue(s.sessionExpirySeconds() > 0);
        MqttSettings e = MqttSettings.ephemeral(URI, "monitor");
        assertTrue(e.cleanStart());
        assertEquals(0, e.sessionExpirySeconds());
    }

    @Test
    void passwordsNeverShowInToString() {
        byte[] secret = "hunter2".getBytes(StandardCharsets.UTF_8);
        MqttSettings s = MqttSettings.persistent(URI, "pi-1").withCredentials(new Credentials("pi-1", secret));
        assertFalse(s.toString().contains("hunter2"), s.toString());
        assertTrue(s.toString().contains("pi-1"));
    }

    @Test
    void secretsAndWillsAreCopiedInAndOut() {
        byte[] secret = {1, 2, 3};
        Credentials c = new Credentials("u", secret);
        secret[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, c.password());
        c.password()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, c.password());
        assertEquals(new Credentials("u", new byte[] {1, 2, 3}), c);

        byte[] offline = {0};
        Will w = new Will("fedmq/v1/home/nodes/pi-1/status", offline, true, 10);
        offline[0] = 1;
        assertArrayEquals(new byte[] {0}, w.payload());
    }

    @Test
    void refusesWhatMqttCannotExpress() {
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.persistent("localhost:1883", "pi-1"));
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.persistent(URI, " "));
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.persistent(URI, "pi-1").withSession(false, -1));
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.persistent(URI, "pi-1").withKeepAliveSeconds(70_000));
        assertThrows(IllegalArgumentException.class, () -> new Will("a/+/status", new byte[0], true, 0));
        assertThrows(IllegalArgumentException.class, () -> new Will("a/status", new byte[0], true, 1L << 32));
    }

    @Test
    void theMaximumPacketSizeMatchesTheBrokersByDefaultAndStaysWithinMqtt() {
        assertEquals(io.fedmq.protocol.WireLimits.DEFAULT.maxPacketBytes(), MqttSettings.persistent(URI, "pi-1").maxPacketBytes());
        assertEquals(65 << 20, MqttSettings.ephemeral(URI, "m").maxPacketBytes());
        assertEquals(4096, MqttSettings.ephemeral(URI, "m").withMaxPacketBytes(4096).maxPacketBytes());
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.ephemeral(URI, "m").withMaxPacketBytes(1023));
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.ephemeral(URI, "m").withMaxPacketBytes(268_435_461));
    }
}
