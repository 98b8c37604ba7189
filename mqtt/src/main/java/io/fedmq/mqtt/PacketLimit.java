package io.fedmq.mqtt;

import io.fedmq.protocol.Transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The largest MQTT packet one connection may carry, as negotiated at CONNECT: this client's own maximum, or the
 * broker's from its CONNACK when that is smaller. A publish is checked against it before it leaves, because Paho
 * drops the whole connection for a packet it finds too large (bug #987).
 *
 * @param maxPacketBytes the maximum packet size in force
 * @param source         whose it is, for the refusal message: "this client's" or "the broker's"
 */
record PacketLimit(long maxPacketBytes, String source) {
    /** Logged under the transport's name, where operators look for its refusals. */
    private static final Logger log = LoggerFactory.getLogger(PahoTransport.class);

    /**
     * What a broker may add to a PUBLISH when it forwards it: a subscription identifier property (up to 5 bytes)
     * per matching subscription of the receiver, and longer length fields. Room for some fifty.
     */
    static final int FORWARDING_HEADROOM = 256;

    /** The smaller of this client's maximum and the broker's, which is null when the broker states none. */
    static PacketLimit negotiated(long own, Long broker) {
        return broker != null && broker < own ? new PacketLimit(broker, "the broker's") : new PacketLimit(own, "this client's");
    }

    /** The largest PUBLISH packet this transport sends, so that the broker can forward it to anyone. */
    long maxPublishPacketBytes() { return maxPacketBytes - FORWARDING_HEADROOM; }

    /** Refuses, with a log line, a publish whose packet would exceed {@link #maxPublishPacketBytes()}. */
    void requireFits(String topic, byte[] payload) throws TransportException {
        long size = PublishPacket.size(topic, payload.length);
        if (size <= maxPublishPacketBytes()) return;
        String why = "Publish to " + topic + " refused: its packet of " + size + " bytes (payload " + payload.length
                + ") exceeds the limit of " + maxPublishPacketBytes() + " bytes (" + source + " maximum packet size of "
                + maxPacketBytes + ", less " + FORWARDING_HEADROOM + " for what the broker adds when it forwards it)";
        log.warn(why);
        throw new TransportException(why);
    }
}
