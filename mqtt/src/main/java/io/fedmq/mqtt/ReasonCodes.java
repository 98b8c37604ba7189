package io.fedmq.mqtt;

import java.util.Locale;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * MQTT 5 reason codes as words, for error messages and log lines: "not authorized (0x87)" tells an operator what
 * happened where Paho says "0x87", or nothing at all (it completes a refused publish or subscribe normally).
 */
final class ReasonCodes {
    /** Codes from 0x80 up are failures, in every acknowledgement. */
    static final int FIRST_FAILURE = 0x80;

    private ReasonCodes() {}

    /** Whether a code Paho reports came from the broker (CONNACK, PUBACK, SUBACK, DISCONNECT) rather than from Paho itself. */
    static boolean isBrokerFailure(int code) { return code >= FIRST_FAILURE && code <= 0xFF; }

    static String describe(int code) {
        String name = switch (code) {
            case 0x80 -> "unspecified error";
            case 0x81 -> "malformed packet";
            case 0x82 -> "protocol error";
            case 0x83 -> "implementation specific error";
            case 0x84 -> "unsupported protocol version";
            case 0x85 -> "client identifier not valid (not the one bound to this identity)";
            case 0x86 -> "bad user name or password";
            case 0x87 -> "not authorized";
            case 0x88 -> "server unavailable";
            case 0x89 -> "server busy";
            case 0x8A -> "banned";
            case 0x8E -> "session taken over";
            case 0x8F -> "topic filter invalid";
            case 0x90 -> "topic name invalid";
            case 0x91 -> "packet identifier in use";
            case 0x95 -> "packet too large";
            case 0x97 -> "quota exceeded";
            case 0x98 -> "administrative action";
            case 0x9A -> "retain not supported";
            case 0x9E -> "shared subscriptions not supported";
            case 0x9F -> "connection rate exceeded (too many failed logins from this address)";
            default -> "reason code";
        };
        return name + String.format(Locale.ROOT, " (0x%02x)", code);
    }

    /**
     * The broker's refusal in an acknowledgement Paho completed normally (it does so even for PUBACK or SUBACK
     * 0x87), as words with the broker's reason string; null when every code is a success.
     */
    static String refusal(int[] codes, MqttProperties ack) {
        if (codes == null) return null;
        for (int code : codes) {
            if (code < FIRST_FAILURE) continue;
            String reason = ack == null || ack.getReasonString() == null ? "" : ": " + ack.getReasonString();
            return describe(code) + reason;
        }
        return null;
    }

    /** A broker's DISCONNECT says why (0x87 after a refused publish); a dropped socket has only an exception. */
    static String why(MqttDisconnectResponse response) {
        if (response.getException() != null) return response.getException().getMessage();
        int rc = response.getReturnCode();
        String code = isBrokerFailure(rc) ? describe(rc) : "code " + rc;
        return response.getReasonString() == null ? code : code + ": " + response.getReasonString();
    }

    /** Whether Paho failed an operation because the connection was going or gone, not because the broker said no. */
    static boolean isConnectionLoss(MqttException e) {
        int code = e.getReasonCode();
        return code == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED || code == MqttClientException.REASON_CODE_CONNECTION_LOST
                || code == MqttClientException.REASON_CODE_CLIENT_DISCONNECTING || code == MqttClientException.REASON_CODE_SERVER_DISCONNECTED;
    }
}
