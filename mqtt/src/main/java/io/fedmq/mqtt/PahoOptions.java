package io.fedmq.mqtt;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Turns {@link MqttSettings} into Paho's connect options, the one place where Paho's defaults are overridden. */
final class PahoOptions {
    private PahoOptions() {}

    static MqttConnectionOptions connect(MqttSettings settings, int receiveMaximum) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        // Paho defaults to clean start and session expiry 0: a node would lose its session on every blip.
        o.setCleanStart(settings.cleanStart());
        o.setSessionExpiryInterval(settings.sessionExpirySeconds());
        // Seconds, rounded up so that a sub-second timeout does not become Paho's "wait forever" (0).
        o.setConnectionTimeout((int) Math.max(1, (settings.connectTimeout().toMillis() + 999) / 1000));
        o.setKeepAliveInterval(settings.keepAliveSeconds());
        // PahoTransport reconnects by itself; see its class comment.
        o.setAutomaticReconnect(false);
        o.setReceiveMaximum(receiveMaximum);
        // PahoTransport assigns its own identifiers and routes by them.
        o.setUseSubscriptionIdentifiers(false);
        if (MqttSettings.usesTls(settings.serverUri())) {
            ClientTls tls = settings.tls() != null ? settings.tls() : new ClientTls(java.util.List.of(), null, java.util.List.of());
            o.setSocketFactory(tls.socketFactory());
            // The broker's certificate must name the host dialled, as HTTPS does; a certificate of the right CA
            // for another host is refused.
            o.setHttpsHostnameVerificationEnabled(true);
        } else {
            o.setSocketFactory(NoDelaySocketFactory.INSTANCE);
        }
        // Paho also checks outgoing packets against this (bug #987), and a packet it refuses there drops the
        // connection; PahoTransport refuses oversized publishes before they reach Paho, so that never happens.
        o.setMaximumPacketSize((long) settings.maxPacketBytes());
        MqttSettings.Will will = settings.will();
        if (will != null) {
            o.setWill(will.topic(), new MqttMessage(will.payload(), 1, will.retained(), new MqttProperties()));
            if (will.delaySeconds() > 0) {
                MqttProperties properties = new MqttProperties();
                properties.setWillDelayInterval(will.delaySeconds());
                o.setWillMessageProperties(properties);
            }
        }
        MqttSettings.Credentials credentials = settings.credentials();
        if (credentials != null) {
            o.setUserName(credentials.username());
            if (credentials.password() != null) o.setPassword(credentials.password());
        }
        return o;
    }
}
