package io.fedmq.broker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.broker.ClientAuthenticator.ConnectRequest;
import io.fedmq.broker.Decision;
import io.fedmq.broker.Decision.Granted;
import io.fedmq.broker.Decision.Reason;
import io.fedmq.broker.Decision.Refused;
import io.fedmq.protocol.ClientIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's policy over a credentials store, without a broker: every refusal and every change of the store. */
class StoreAuthenticatorTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static byte[] nodePassword, monitorPassword;
    private static Identity node, monitor;
    @TempDir Path dir;
    private Path file;
    private StoreAuthenticator auth;

    @BeforeAll
    static void identities() {
        nodePassword = PasswordHash.newPassword(RANDOM);
        monitorPassword = PasswordHash.newPassword(RANDOM);
        node = new Identity("pi-1", Role.NODE, "home", PasswordHash.of(nodePassword, RANDOM));
        monitor = new Identity("watch", Role.MONITOR, "home", PasswordHash.of(monitorPassword, RANDOM));
    }

    @BeforeEach
    void store() throws Exception {
        file = dir.resolve("credentials");
        CredentialStore.update(file, s -> s.with(node).with(monitor).with(new Identity("pi-2", Role.NODE, "home", null)));
        auth = StoreAuthenticator.open(file);
    }

    private Decision connect(String clientId, String user, byte[] password) {
        return auth.authenticate(new ConnectRequest(clientId, user, password, "10.0.0.7"));
    }

    private static Refused refused(Decision d, Reason reason) {
        Refused r = assertInstanceOf(Refused.class, d);
        assertEquals(reason, r.reason(), r.detail());
        return r;
    }

    @Test
    void grantsANodeItsRoleWhenNamePasswordAndClientIdAgree() {
        Granted g = assertInstanceOf(Granted.class, connect(ClientIds.node("home", "pi-1"), "pi-1", nodePassword));
        assertEquals("pi-1", g.identity());
        assertEquals(AccessPolicy.rules(node), g.rules());
        assertInstanceOf(Granted.class, connect(ClientIds.monitor("watch"), "watch", monitorPassword));
    }

    @Test
    void anAddressThatKeepsGuessingIsRefusedUncheckedUntilItsBucketRefills() throws Exception {
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        StoreAuthenticator a = StoreAuthenticator.open(file, clock::get);
        String pi1 = ClientIds.node("home", "pi-1");
        byte[] guess = "guess".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < LoginThrottle.BURST; i++) {
            refused(a.authenticate(new ConnectRequest(pi1, i % 2 == 0 ? "pi-1" : "pi-9", guess, "10.0.0.66")),
                    i % 2 == 0 ? Reason.WRONG_PASSWORD : Reason.UNKNOWN_IDENTITY);
        }
        String watch = ClientIds.monitor("watch");
        Refused throttled = refused(a.authenticate(new ConnectRequest(watch, "watch", monitorPassword, "10.0.0.66")), Reason.THROTTLED);
        assertTrue(throttled.detail().contains("too many failed logins from 10.0.0.66; refused unchecked for 6 s more"), throttled.detail());
        long t0 = System.nanoTime();
        refused(a.authenticate(new ConnectRequest(pi1, "pi-1", guess, "10.0.0.66")), Reason.THROTTLED);
        assertTrue(System.nanoTime() - t0 < 50_000_000L, "a throttled login costs no password hash");
        assertInstanceOf(Granted.class, a.authenticate(new ConnectRequest(pi1, "pi-1", nodePassword, "10.0.0.7")), "other addresses are not held up");
        // pi-1's password is now known good: it gets in even from the guesser's address, without a hash.
        assertInstanceOf(Granted.class, a.authenticate(new ConnectRequest(pi1, "pi-1", nodePassword, "10.0.0.66")), "no lock-out by a neighbour");
        refused(a.authenticate(new ConnectRequest(watch, "watch", monitorPassword, "10.0.0.66")), Reason.THROTTLED);

        clock.addAndGet(LoginThrottle.REFILL_SECONDS * 1_000_000_000L);
        refused(a.authenticate(new ConnectRequest(pi1, "pi-1", guess, "10.0.0.66")), Reason.WRONG_PASSWORD); // one guess per 6 s
        refused(a.authenticate(new ConnectRequest(watch, "watch", monitorPassword, "10.0.0.66")), Reason.THROTTLED);
        clock.addAndGet(LoginThrottle.REFILL_SECONDS * 1_000_000_000L);
        assertInstanceOf(Granted.class, a.authenticate(new ConnectRequest(watch, "watch", monitorPassword, "10.0.0.66")));
        for (int i = 0; i < 3 * LoginThrottle.BURST; i++) {
            assertInstanceOf(Granted.class, a.authenticate(new ConnectRequest(watch, "watch", monitorPassword, "10.0.0.66")), "successes cost nothing");
        }
    }

    @Test
    void aClientCertificateMustNameTheIdentityThatLogsIn() {
        String pi1 = ClientIds.node("home", "pi-1");
        assertInstanceOf(Granted.class, auth.authenticate(new ConnectRequest(pi1, "pi-1", nodePassword, "10.0.0.7", "pi-1")));
        Refused stolen = refused(auth.authenticate(new ConnectRequest(pi1, "pi-1", nodePassword, "10.0.0.7", "pi-2")), Reason.CERTIFICATE_MISMATCH);
        assertTrue(stolen.detail().contains("with the TLS certificate of 'pi-2'"), stolen.detail());
        // A certificate with no (or several) CNs arrives as "" and matches no one.
        refused(auth.authenticate(new ConnectRequest(pi1, "pi-1", nodePassword, "10.0.0.7", "")), Reason.CERTIFICATE_MISMATCH);
        // The password is still checked first: a right certificate does not stand in for it.
        refused(auth.authenticate(new ConnectRequest(pi1, "pi-1", "guess".getBytes(StandardCharsets.UTF_8), "10.0.0.7", "pi-1")),
                Reason.WRONG_PASSWORD);
    }

    @Test
    void refusesEachKindOfIntruderWithItsOwnReason() {
        String pi1 = ClientIds.node("home", "pi-1");
        refused(connect(pi1, null, null), Reason.ANONYMOUS);
        refused(connect(pi1, "pi-9", nodePassword), Reason.UNKNOWN_IDENTITY);
        refused(connect(pi1, "pi-1", "guess".getBytes(StandardCharsets.UTF_8)), Reason.WRONG_PASSWORD);
        refused(connect(pi1, "pi-1", null), Reason.WRONG_PASSWORD);
        refused(connect(ClientIds.node("home", "pi-2"), "pi-2", nodePassword), Reason.REVOKED);
        Refused takeover = refused(connect(ClientIds.node("home", "pi-3"), "pi-1", nodePassword), Reason.CLIENT_ID_NOT_BOUND);
        assertTrue(takeover.detail().contains("'fedmq-node-pi-1@home'"), "says which id it should use: " + takeover.detail());
        refused(connect(ClientIds.orchestrator("home"), "pi-1", nodePassword), Reason.CLIENT_ID_NOT_BOUND);
        refused(connect(ClientIds.operator("watch"), "watch", monitorPassword), Reason.CLIENT_ID_NOT_BOUND);
    }

    @Test
    void noDetailEverHoldsThePassword() {
        String guess = "hunter2-is-my-password";
        Refused r = refused(connect(ClientIds.node("home", "pi-1"), "pi-1", guess.getBytes(StandardCharsets.UTF_8)), Reason.WRONG_PASSWORD);
        assertFalse(r.detail().contains(guess));
        Refused u = refused(connect("x\n2099-01-01 INFO forged line", "who\r\nforged", nodePassword), Reason.UNKNOWN_IDENTITY);
        assertFalse(u.detail().contains("\n") || u.detail().contains("\r"), "a client cannot forge log lines: " + u.detail());
        assertFalse(u.detail().contains(new String(nodePassword, StandardCharsets.US_ASCII)));
    }

    @Test
    void aRevocationTakesEffectOnTheNextConnectAndIsReportedOnce() throws Exception {
        assertInstanceOf(Granted.class, connect(ClientIds.node("home", "pi-1"), "pi-1", nodePassword));
        assertTrue(auth.withdrawn().isEmpty());
        CredentialStore.update(file, s -> s.with(s.find("pi-1").orElseThrow().revoke()));

        refused(connect(ClientIds.node("home", "pi-1"), "pi-1", nodePassword), Reason.REVOKED);
        Predicate<String> gone = auth.withdrawn().orElseThrow();
        assertTrue(gone.test(ClientIds.node("home", "pi-1")));
        assertFalse(gone.test(ClientIds.node("home", "pi-2")));
        assertFalse(gone.test(ClientIds.monitor("watch")));
        assertTrue(auth.withdrawn().isEmpty(), "reported once");
        assertInstanceOf(Granted.class, connect(ClientIds.monitor("watch"), "watch", monitorPassword), "the others stay in");
    }

    @Test
    void aNewPasswordShutsOutTheOldOneEvenAfterItWasRemembered() throws Exception {
        String id = ClientIds.node("home", "pi-1");
        assertInstanceOf(Granted.class, connect(id, "pi-1", nodePassword));
        byte[] rotated = PasswordHash.newPassword(RANDOM);
        CredentialStore.update(file, s -> s.with(new Identity("pi-1", Role.NODE, "home", PasswordHash.of(rotated, RANDOM))));
        refused(connect(id, "pi-1", nodePassword), Reason.WRONG_PASSWORD);
        assertTrue(auth.withdrawn().orElseThrow().test(id), "the connection made with the old password must go");
        assertInstanceOf(Granted.class, connect(id, "pi-1", rotated));
    }

    @Test
    void aRememberedPasswordSkipsTheSlowHash() {
        String id = ClientIds.node("home", "pi-1");
        long t0 = System.nanoTime();
        assertInstanceOf(Granted.class, connect(id, "pi-1", nodePassword));
        long first = System.nanoTime() - t0;
        t0 = System.nanoTime();
        assertInstanceOf(Granted.class, connect(id, "pi-1", nodePassword));
        long second = System.nanoTime() - t0;
        assertTrue(second * 10 < first, "second check " + second / 1000 + " us vs first " + first / 1000 + " us");
    }

    @Test
    void anUnreadableStoreRefusesEveryoneUntilItIsFixed() throws Exception {
        String id = ClientIds.node("home", "pi-1");
        String good = Files.readString(file);
        Files.writeString(file, good + "garbage line\n");
        refused(connect(id, "pi-1", nodePassword), Reason.STORE_UNREADABLE);
        Files.writeString(file, good + "# fixed\n");
        assertInstanceOf(Granted.class, connect(id, "pi-1", nodePassword));
    }

    @Test
    void aStoreCreatedAfterTheBrokerStartedIsPickedUp() throws Exception {
        Path later = dir.resolve("later/credentials");
        StoreAuthenticator a = StoreAuthenticator.open(later);
        refused(a.authenticate(new ConnectRequest(ClientIds.node("home", "pi-1"), "pi-1", nodePassword, null)), Reason.UNKNOWN_IDENTITY);
        CredentialStore.update(later, s -> s.with(node));
        assertInstanceOf(Granted.class, a.authenticate(new ConnectRequest(ClientIds.node("home", "pi-1"), "pi-1", nodePassword, null)));
    }
}
