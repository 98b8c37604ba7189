package io.fedmq.app;

import io.fedmq.broker.BrokerConfig;
import io.fedmq.broker.EmbeddedBroker;
import io.fedmq.broker.auth.CredentialStore;
import io.fedmq.broker.auth.Identity;
import io.fedmq.broker.auth.PasswordHash;
import io.fedmq.broker.auth.Role;
import io.fedmq.broker.auth.StoreAuthenticator;
import io.fedmq.mqtt.MqttSettings.Credentials;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * A real embedded broker with a credentials store, as the demo and {@code fedmq broker} run it: the fixture of
 * the tests whose clients must authenticate.
 *
 * <p>Identities that only play their part in a round ({@link #member}) share one password and one hash, at the
 * lowest iteration count the store accepts, so a class enrols dozens in a moment; every connect still runs the
 * real PBKDF2 check. Identities under test, such as an attacker's, get a password and hash of their own
 * ({@link #enroll}), exactly as {@code fedmq enroll} mints them, so no attacker ever knows a member's password.
 */
final class SecuredBroker implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MEMBER_PASSWORD = PasswordHash.newPassword(RANDOM);
    private static final PasswordHash MEMBER_HASH = PasswordHash.of(MEMBER_PASSWORD, PasswordHash.MIN_ITERATIONS, RANDOM);

    private final Path store;
    private final EmbeddedBroker broker;

    private SecuredBroker(Path store, EmbeddedBroker broker) {
        this.store = store;
        this.broker = broker;
    }

    static SecuredBroker start(Path folder) throws Exception {
        Path store = folder.resolve("credentials");
        EmbeddedBroker broker = new EmbeddedBroker(BrokerConfig.loopback(folder.resolve("broker"), 0)
                .withAuthenticator(StoreAuthenticator.open(store))).start();
        return new SecuredBroker(store, broker);
    }

    String serverUri() { return broker.serverUri(); }

    Path store() { return store; }

    /** A member of a fleet in good standing: a node, an orchestrator, a monitor. */
    Credentials member(String name, Role role, String fleet) throws IOException {
        CredentialStore.update(store, s -> s.with(new Identity(name, role, fleet, MEMBER_HASH)));
        return new Credentials(name, MEMBER_PASSWORD);
    }

    /** An identity with a freshly minted password of its own, through the same path as {@code fedmq enroll}. */
    Credentials enroll(String name, Role role, String fleet) throws IOException {
        return new Credentials(name, Enrollment.enroll(store, name, role, fleet, false));
    }

    @Override
    public void close() { broker.close(); }
}
