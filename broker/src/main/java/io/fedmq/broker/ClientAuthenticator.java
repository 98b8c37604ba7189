package io.fedmq.broker;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides who may connect to the embedded broker, and what each may publish and subscribe to. This is the single
 * place where broker security plugs in; it knows nothing of HiveMQ, so that policies can be tested without a
 * broker ({@code SecurityExtension} turns its decisions into HiveMQ's).
 *
 * <p>Called once per CONNECT on a thread of the broker's own, which may block for a password hash; it must be
 * thread-safe. A policy that throws is treated as a refusal.
 */
@FunctionalInterface
public interface ClientAuthenticator {

    /** Whether the client may connect, and if so as whom and allowed what. */
    Decision authenticate(ConnectRequest request);

    /**
     * Clients whose grant no longer holds (their identity was revoked, removed or given a new password) since the
     * last call; the broker polls this every second and disconnects those still connected. Empty when none.
     */
    default Optional<Predicate<String>> withdrawn() { return Optional.empty(); }

    /** One phrase for the broker's start-up line: how it decides. */
    default String describe() { return "custom authenticator " + getClass().getName(); }

    /** Whether every client gets in with no restrictions; the broker says so loudly when it starts. */
    default boolean isOpen() { return false; }

    /** Lets every client in and lets it publish and subscribe anywhere. Only for tests and an explicitly open broker. */
    static ClientAuthenticator allowAll() { return Open.INSTANCE; }

    /** The open policy: a named type so that the broker can tell it apart and warn. */
    final class Open implements ClientAuthenticator {
        private static final Open INSTANCE = new Open();

        private Open() {}

        @Override
        public Decision authenticate(ConnectRequest request) { return Decision.open(); }

        @Override
        public String describe() { return "OPEN: no authentication, no topic ACLs, every client may publish anywhere"; }

        @Override
        public boolean isOpen() { return true; }
    }

    /**
     * What a client presented when it connected.
     *
     * @param clientId      the MQTT client identifier
     * @param username      the user name, or null when the client sent none
     * @param password      the password bytes, or null when the client sent none; a copy, never logged
     * @param remoteAddress the client's IP address as text, or null when HiveMQ does not know it
     * @param certificateCn the common name of the certificate the client presented over mutual TLS (empty when
     *                      it has none, or more than one), or null when it presented no certificate
     */
    record ConnectRequest(String clientId, String username, byte[] password, String remoteAddress, String certificateCn) {
        public ConnectRequest {
            Objects.requireNonNull(clientId, "clientId");
            password = password == null ? null : password.clone();
        }

        /** A client without a certificate. */
        public ConnectRequest(String clientId, String username, byte[] password, String remoteAddress) {
            this(clientId, username, password, remoteAddress, null);
        }

        /** A copy of the password, or null. */
        @Override
        public byte[] password() { return password == null ? null : password.clone(); }

        @Override
        public boolean equals(Object o) {
            return o instanceof ConnectRequest r && clientId.equals(r.clientId) && Objects.equals(username, r.username)
                    && Arrays.equals(password, r.password) && Objects.equals(remoteAddress, r.remoteAddress)
                    && Objects.equals(certificateCn, r.certificateCn);
        }

        @Override
        public int hashCode() { return Objects.hash(clientId, username, Arrays.hashCode(password), remoteAddress, certificateCn); }

        /** Never shows the password. */
        @Override
        public String toString() {
            return "ConnectRequest[clientId=" + clientId + ", username=" + username
                    + ", password=" + (password == null ? "none" : "***") + ", remoteAddress=" + remoteAddress
                    + (certificateCn == null ? "" : ", certificateCn=" + certificateCn) + "]";
        }
    }
}
