package io.fedmq.app;

import io.fedmq.mqtt.MqttSettings;
import io.fedmq.mqtt.PahoTransport;
import io.fedmq.node.NodeAgent;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.Transport.TransportException;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.security.SigningTransport;
import io.fedmq.protocol.security.VerifyingTransport;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How each program connects: client ids, sessions and Last Wills, decided in one place. */
final class Connections {
    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    private Connections() {}

    /** Seconds the broker waits before publishing a node's OFFLINE will: rides out a Wi-Fi blip. */
    static final long WILL_DELAY_SECONDS = 5;

    /**
     * The orchestrator keeps a persistent session, so that updates published while it reconnects are queued
     * for it by the broker rather than lost.
     */
    static Transport orchestrator(String broker, String fleet, KeyPair signer) throws TransportException {
        return new SigningTransport(PahoTransport.connect(MqttSettings.persistent(broker, "fedmq-orchestrator-" + fleet)), signer.getPrivate());
    }

    /**
     * A node keeps a persistent session, leaves a retained OFFLINE status as its Last Will, and accepts only
     * what the orchestrator key it pins has signed.
     */
    static Transport node(String broker, String fleet, String nodeId, WireCodec codec, PublicKey pinned) throws TransportException {
        return verifying(nodeConnection(broker, fleet, nodeId, codec), pinned, nodeId);
    }

    /** The node's bare MQTT connection, before signature checks. */
    static PahoTransport nodeConnection(String broker, String fleet, String nodeId, WireCodec codec) throws TransportException {
        Topics topics = new Topics(fleet);
        MqttSettings s = MqttSettings.persistent(broker, "fedmq-node-" + fleet + "-" + nodeId)
                .withWill(new MqttSettings.Will(topics.nodeStatus(nodeId), NodeAgent.lastWill(nodeId, codec), true, WILL_DELAY_SECONDS));
        return PahoTransport.connect(s);
    }

    /** Drops, with a log line, whatever {@code pinned} did not sign. */
    static Transport verifying(Transport t, PublicKey pinned, String nodeId) {
        return new VerifyingTransport(t, pinned, (topic, reason) -> log.warn("node {} refused a message on {}: {}", nodeId, topic, reason));
    }

    /** An operator's one-off command (a rollback) leaves nothing behind on the broker. */
    static Transport operator(String broker) throws TransportException {
        return PahoTransport.connect(MqttSettings.ephemeral(broker, "fedmq-operator-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    /** A monitor leaves nothing behind on the broker. */
    static Transport monitor(String broker) throws TransportException {
        return PahoTransport.connect(MqttSettings.ephemeral(broker, "fedmq-monitor-" + UUID.randomUUID().toString().substring(0, 8)));
    }
}
