package io.fedmq.mqtt;

import java.nio.charset.StandardCharsets;

/**
 * The size of the MQTT v5 PUBLISH packet that {@link PahoTransport} sends for a payload: QoS 1, no properties,
 * exactly as Paho 1.2.5 encodes it. Knowing it lets the transport refuse an oversized publish itself, with a
 * message that says why, where Paho would drop the whole connection and a broker would disconnect the client.
 */
final class PublishPacket {
    private PublishPacket() {}

    /** Fixed header + remaining length (topic with its length, packet id, empty properties, payload). */
    static long size(String topic, int payloadBytes) {
        long remaining = 2L + topic.getBytes(StandardCharsets.UTF_8).length + 2 + 1 + payloadBytes;
        return 1 + variableByteIntegerLength(remaining) + remaining;
    }

    /** MQTT's variable byte integer: 7 bits per byte. Lengths past 268,435,455 cannot be sent at all; counted as 4. */
    private static int variableByteIntegerLength(long value) {
        if (value < 128) return 1;
        if (value < 16_384) return 2;
        if (value < 2_097_152) return 3;
        return 4;
    }
}
