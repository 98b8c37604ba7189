package io.fedmq.broker;

import java.util.Arrays;
import java.util.Objects;

/**
 * Decides whether a client may connect to the embedded broker. This is the single place where broker
 * authentication plugs in; it knows nothing of HiveMQ, so that policies can be tested without a broker.
 *
 * <p>Called on HiveMQ's extension threads, once per CONNECT: it must be thread-safe and quick. A policy that
 * throws is treated as a refusal.
 */
@FunctionalInterface
public interface ClientAuthenticator {

    /** Whether the client may connect. */
    boolean allows(ConnectRequest request);

    /** Lets every client in. Only for loopback brokers and tests until fleet credentials exist. */
    static ClientAuthenticator allowAll() {
        return request -> true;
    }

    /**
     * What a client presented when it connected.
     *
     * @param clientId      the MQTT client identifier
     * @param username      the user name, or null when the client sent none
     * @param password      the password bytes, or null when the client sent none; a copy, never logged
     * @param remoteAddress the client's IP address as text, or null when HiveMQ does not know it
     */
    record ConnectRequest(String clientId, String username, byte[] password, String remoteAddress) {
        public ConnectRequest {
            Objects.requireNonNull(clientId, "clientId");
            password = password == null ? null : password.clone();
        }

        /** A copy of the password, or null. */
        @Override
        public byte[] password() { return password == null ? null : password.clone(); }

        @Override
        public boolean equals(Object o) {
            return o instanceof ConnectRequest r && clientId.equals(r.clientId) && Objects.equals(username, r.username)
                    && Arrays.equals(password, r.password) && Objects.equals(remoteAddress, r.remoteAddress);
        }

        @Override
        public int hashCode() { return Objects.hash(clientId, username, Arrays.hashCode(password), remoteAddress); }

        /** Never shows the password. */
        @Override
        public String toString() {
            return "ConnectRequest[clientId=" + clientId + ", username=" + username
                    + ", password=" + (password == null ? "none" : "***") + ", remoteAddress=" + remoteAddress + "]";
        }
    }
}

