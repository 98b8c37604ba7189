package io.fedmq.broker;

import java.util.List;
import java.util.Objects;

/** What a {@link ClientAuthenticator} decided about one CONNECT. */
public sealed interface Decision {

    /** Lets the client in with no topic restrictions: only for an open broker (tests, a laptop demo with {@code --open}). */
    record Open() implements Decision {}

    /**
     * Lets the client in as {@code identity}, allowed exactly what {@code rules} allow and nothing else.
     *
     * @param identity who the client proved to be (its user name)
     * @param role     what kind of identity, for log lines
     * @param rules    every publish and subscribe it may make
     */
    record Granted(String identity, String role, List<AccessRule> rules) implements Decision {
        public Granted {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(role, "role");
            rules = List.copyOf(rules);
        }

        public boolean mayPublish(String topic, boolean retained) {
            for (AccessRule r : rules) if (r.allowsPublish(topic, retained)) return true;
            return false;
        }

        public boolean maySubscribe(String filter) {
            for (AccessRule r : rules) if (r.allowsSubscribe(filter)) return true;
            return false;
        }
    }

    /**
     * Keeps the client out.
     *
     * @param reason why, in a form the broker maps to a CONNACK reason code
     * @param detail one line for the broker's log: names the identity and client id, never a password
     */
    record Refused(Reason reason, String detail) implements Decision {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a client was refused. The first four look the same to the client, so that it learns nothing from them. */
    enum Reason {
        ANONYMOUS, UNKNOWN_IDENTITY, WRONG_PASSWORD, REVOKED,
        /** The password was right, but the client id belongs to another identity (or another kind of program). */
        CLIENT_ID_NOT_BOUND,
        /** The client's TLS certificate names another identity (its CN is not the user name). */
        CERTIFICATE_MISMATCH,
        /** Too many wrong passwords from the client's address lately: refused before any password is checked. */
        THROTTLED,
        /** The credentials store cannot be read: everyone is refused until it is fixed. */
        STORE_UNREADABLE,
        /** The policy itself failed; a broken policy fails closed. */
        POLICY_FAILED;

        /** Whether the client presented credentials that are not (or no longer) valid. */
        public boolean badCredentials() { return ordinal() <= REVOKED.ordinal(); }
    }

    static Decision open() { return new Open(); }

    static Decision refuse(Reason reason, String detail) { return new Refused(reason, detail); }
}
