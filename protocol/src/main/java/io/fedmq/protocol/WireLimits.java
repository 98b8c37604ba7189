package io.fedmq.protocol;

/**
 * Upper bounds the decoder checks before it allocates anything a length field asks for. Besides these, no
 * length field may claim more bytes (or entries) than the rest of the payload holds, so that what a message
 * decodes to stays within a small multiple of its size.
 *
 * @param maxMessageBytes   largest payload accepted at all
 * @param maxTensorElements largest tensor, in values
 * @param maxListLength     longest list (selected nodes, labels, shape)
 * @param maxStringBytes    longest string, in UTF-8 bytes
 */
public record WireLimits(int maxMessageBytes, int maxTensorElements, int maxListLength, int maxStringBytes) {
    /**
     * 64 MiB messages: a model of up to about 16 M float32 parameters (a masked update of it at 24 bits is 48 MiB),
     * far larger than a Raspberry Pi should train. The tensor limit is then never the one that binds first.
     */
    public static final WireLimits DEFAULT = new WireLimits(64 << 20, 16 << 20, 100_000, 1024);

    /**
     * What an MQTT PUBLISH needs around a message: the 66-byte signature, the topic (at most 65,535 bytes in
     * MQTT), the fixed header, packet id and properties. 1 MiB is far more than all of them together.
     */
    public static final int PACKET_HEADROOM = 1 << 20;

    public WireLimits {
        if (maxMessageBytes < 64 || maxTensorElements < 1 || maxListLength < 1 || maxStringBytes < 1) {
            throw new IllegalArgumentException("limits must be positive (and messages at least 64 bytes)");
        }
        if (maxMessageBytes > Integer.MAX_VALUE - PACKET_HEADROOM) {
            throw new IllegalArgumentException("maxMessageBytes must leave room for the MQTT packet around it");
        }
    }

    /**
     * The largest MQTT packet that can carry a message within these limits: the maximum packet size brokers and
     * clients should agree on (65 MiB by default). A larger packet could only hold a message nobody would decode.
     */
    public int maxPacketBytes() { return maxMessageBytes + PACKET_HEADROOM; }
}
