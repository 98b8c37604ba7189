package io.fedmq.app;

import io.fedmq.mqtt.ClientTls;
import io.fedmq.mqtt.MqttSettings;
import io.fedmq.mqtt.MqttSettings.Credentials;
import io.fedmq.mqtt.PahoTransport;
import io.fedmq.node.NodeAgent;
import io.fedmq.protocol.ClientIds;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.Transport.TransportException;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.security.SigningTransport;
import io.fedmq.protocol.security.VerifyingTransport;
import java.security.KeyPair;
import java.security.PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How each program connects: client ids ({@link ClientIds}, which a secured broker checks against the identity),
 * sessions, Last Wills, credentials and TLS, decided in one place. Credentials are null only for an open broker; TLS is
 * null for a {@code tcp://} broker.
 */
final class Connections {
    private static final Logger log = LoggerFactory.getLogger(Connections.class);
    /** The identity part of a monitor's or operator's client id when an open broker asks for none. */
    private static final String ANONYMOUS = "anonymous";

    private Connections() {}

    /** Seconds the broker waits before publishing a node's OFFLINE will: rides out a Wi-Fi blip. */
    static final long WILL_DELAY_SECONDS = 5;

    /**
     * The orchestrator keeps a persistent session, so that updates published while it reconnects are queued
     * for it by the broker rather than lost.
     */
    static Transport orchestrator(String broker, String fleet, KeyPair signer, Credentials credentials) throws TransportException {
        return orchestrator(broker, fleet, signer, credentials, null);
    }

    static Transport orchestrator(String broker, String fleet, KeyPair signer, Credentials credentials, ClientTls tls) throws TransportException {
        MqttSettings s = MqttSettings.persistent(broker, ClientIds.orchestrator(fleet)).withCredentials(credentials).withTls(tls);
        return new SigningTransport(PahoTransport.connect(s), signer.getPrivate());
    }

    /**
     * A node keeps a persistent session, leaves a retained OFFLINE status as its Last Will, and accepts only
     * what the orchestrator key it pins has signed.
     */
    static Transport node(String broker, String fleet, String nodeId, WireCodec codec, PublicKey pinned, Credentials credentials)
            throws TransportException {
        return node(broker, fleet, nodeId, codec, pinned, credentials, null);
    }

    static Transport node(String broker, String fleet, String nodeId, WireCodec codec, PublicKey pinned, Credentials credentials, ClientTls tls)
            throws TransportException {
        return verifying(nodeConnection(broker, fleet, nodeId, codec, credentials, tls), pinned, nodeId);
    }

    /** The node's bare MQTT connection, before signature checks. */
    static PahoTransport nodeConnection(String broker, String fleet, String nodeId, WireCodec codec, Credentials credentials)
            throws TransportException {
        return nodeConnection(broker, fleet, nodeId, codec, credentials, null);
    }

    static PahoTransport nodeConnection(String broker, String fleet, String nodeId, WireCodec codec, Credentials credentials, ClientTls tls)
            throws TransportException {
        Topics topics = new Topics(fleet);
        MqttSettings s = MqttSettings.persistent(broker, ClientIds.node(fleet, nodeId)).withCredentials(credentials).withTls(tls)
                .withWill(new MqttSettings.Will(topics.nodeStatus(nodeId), NodeAgent.lastWill(nodeId, codec), true, WILL_DELAY_SECONDS));
        return PahoTransport.connect(s);
    }

    /** Drops, with a log line, whatever {@code pinned} did not sign. */
    static Transport verifying(Transport t, PublicKey pinned, String nodeId) {
        return new VerifyingTransport(t, pinned, (topic, reason) -> log.warn("node {} refused a message on {}: {}", nodeId, topic, reason));
    }

    /** An operator's one-off command (a rollback) leaves nothing behind on the broker. */
    static Transport operator(String broker, Credentials credentials, ClientTls tls) throws TransportException {
        return PahoTransport.connect(MqttSettings.ephemeral(broker, ClientIds.operator(identity(credentials))).withCredentials(credentials).withTls(tls));
    }

    /** A monitor leaves nothing behind on the broker. */
    static Transport monitor(String broker, Credentials credentials) throws TransportException {
        return monitor(broker, credentials, null);
    }

    static Transport monitor(String broker, Credentials credentials, ClientTls tls) throws TransportException {
        return PahoTransport.connect(MqttSettings.ephemeral(broker, ClientIds.monitor(identity(credentials))).withCredentials(credentials).withTls(tls));
    }

    private static String identity(Credentials credentials) { return credentials == null ? ANONYMOUS : credentials.username(); }
}
