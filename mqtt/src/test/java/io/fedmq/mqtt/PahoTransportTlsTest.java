package io.fedmq.mqtt;

import static io.fedmq.mqtt.Recorder.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fedmq.broker.BrokerConfig;
import io.fedmq.broker.BrokerTls;
import io.fedmq.broker.EmbeddedBroker;
import io.fedmq.broker.auth.CredentialStore;
import io.fedmq.broker.auth.Identity;
import io.fedmq.broker.auth.PasswordHash;
import io.fedmq.broker.auth.Role;
import io.fedmq.broker.auth.StoreAuthenticator;
import io.fedmq.broker.tls.CertificateAuthority;
import io.fedmq.broker.tls.CertificateAuthority.Issued;
import io.fedmq.mqtt.MqttSettings.Credentials;
import io.fedmq.protocol.ClientIds;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * MQTT over TLS against a real HiveMQ with mutual TLS and a real credentials store: what gets in, what is refused
 * and why, and that a listener on the wire sees neither passwords nor payloads.
 */
class PahoTransportTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String FLEET = "home";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Topics TOPICS = new Topics(FLEET);

    @TempDir
    static Path folder;
    static EmbeddedBroker broker;
    static CertificateAuthority ca;
    static byte[] pi1Password;
    static byte[] pi2Password;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private PahoTransport transport;

    @BeforeAll
    static void startBroker() throws Exception {
        ca = CertificateAuthority.create("fedmq test CA", Duration.ofDays(1));
        pi1Password = PasswordHash.newPassword(RANDOM);
        pi2Password = PasswordHash.newPassword(RANDOM);
        Path store = folder.resolve("credentials");
        CredentialStore.update(store, s -> s.with(identity("pi-1", pi1Password)).with(identity("pi-2", pi2Password)));
        Issued server = ca.issueServer("broker", List.of("fedmq-broker.test"), List.of(InetAddress.getByName("127.0.0.1")), Duration.ofDays(1));
        broker = new EmbeddedBroker(BrokerConfig.loopback(folder.resolve("broker"), 0)
                .withAuthenticator(StoreAuthenticator.open(store))
                .withTls(new BrokerTls(0, server.key(), server.chain(), List.of(ca.certificate())))).start();
    }

    private static Identity identity(String name, byte[] password) {
        return new Identity(name, Role.NODE, FLEET, PasswordHash.of(password, PasswordHash.MIN_ITERATIONS, RANDOM));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @BeforeEach
    void record() {
        logs.start();
        ((Logger) LoggerFactory.getLogger("io.fedmq")).addAppender(logs);
    }

    @AfterEach
    void close() {
        ((Logger) LoggerFactory.getLogger("io.fedmq")).detachAppender(logs);
        if (transport != null) transport.close();
    }

    private static MqttSettings settings(String uri, String node, byte[] password, ClientTls tls) {
        return MqttSettings.ephemeral(uri, ClientIds.node(FLEET, node)).withCredentials(new Credentials(node, password)).withTls(tls)
                .withConnectTimeout(Duration.ofSeconds(5)).withOperationTimeout(WAIT).withMaxReconnectDelay(Duration.ofSeconds(1));
    }

    private static ClientTls tlsAs(String node) {
        Issued cert = ca.issueClient(node, Duration.ofDays(1));
        return new ClientTls(List.of(ca.certificate()), cert.key(), cert.chain());
    }

    @Test
    void aNodeWithItsCertificateAndPasswordTalksOverTls() throws Exception {
        assertTrue(broker.tlsUri().startsWith("ssl://127.0.0.1:"), broker.tlsUri());
        transport = PahoTransport.connect(settings(broker.tlsUri(), "pi-1", pi1Password, tlsAs("pi-1")));
        Recorder r = new Recorder();
        transport.subscribe(TOPICS.round(), r);
        assertTrue(logged("authenticated as node pi-1 over TLSv1.3"), lines().toString());
    }

    @Test
    void withoutAClientCertificateTheHandshakeFails() {
        ClientTls noCertificate = new ClientTls(List.of(ca.certificate()), null, List.of());
        assertThrows(TransportException.class, () -> PahoTransport.connect(settings(broker.tlsUri(), "pi-1", pi1Password, noCertificate)));
        assertFalse(logged("authenticated as"), "it never reached MQTT authentication: " + lines());
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        Issued foreign = CertificateAuthority.create("someone else's CA", Duration.ofDays(1)).issueClient("pi-1", Duration.ofDays(1));
        ClientTls tls = new ClientTls(List.of(ca.certificate()), foreign.key(), foreign.chain());
        assertThrows(TransportException.class, () -> PahoTransport.connect(settings(broker.tlsUri(), "pi-1", pi1Password, tls)));
        assertFalse(logged("authenticated as"), lines().toString());
    }

    @Test
    void anotherNodesCertificateDoesNotLetAClientLogInAsThisNode() {
        // pi-2's stolen certificate with pi-1's stolen password: the certificate names pi-2, so pi-1 is refused.
        TransportException e = assertThrows(TransportException.class,
                () -> PahoTransport.connect(settings(broker.tlsUri(), "pi-1", pi1Password, tlsAs("pi-2"))));
        assertTrue(e.getMessage().contains("refused client fedmq-node-pi-1@home (user pi-1): not authorized (0x87)"), e.getMessage());
        assertTrue(logged("client 'fedmq-node-pi-1@home' logs in as node pi-1 of fleet home with the TLS certificate of 'pi-2'"), lines().toString());
    }

    @Test
    void aBrokerCertificateTheClientDoesNotTrustIsRefused() {
        CertificateAuthority other = CertificateAuthority.create("another CA", Duration.ofDays(1));
        Issued cert = ca.issueClient("pi-1", Duration.ofDays(1));
        ClientTls trustsOther = new ClientTls(List.of(other.certificate()), cert.key(), cert.chain());
        assertThrows(TransportException.class, () -> PahoTransport.connect(settings(broker.tlsUri(), "pi-1", pi1Password, trustsOther)));
        assertFalse(logged("authenticated as"), lines().toString());
    }

    @Test
    void aBrokerCertificateForAnotherHostIsRefused() {
        // The broker's certificate names fedmq-broker.test and 127.0.0.1; "localhost" is neither, though it is the same socket.
        String byName = broker.tlsUri().replace("127.0.0.1", "localhost");
        TransportException e = assertThrows(TransportException.class,
                () -> PahoTransport.connect(settings(byName, "pi-1", pi1Password, tlsAs("pi-1"))));
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("localhost"), e.getMessage());
        assertFalse(logged("authenticated as"), lines().toString());
    }

    @Test
    void aListenerOnTheWireSeesNeitherThePasswordNorThePayload() throws Exception {
        byte[] secret = utf8("soil-moisture-of-pi-1:0.4217");
        byte[] overTls = relayed(broker.tlsUri(), tlsAs("pi-1"), secret);
        assertFalse(contains(overTls, pi1Password), "the password crossed the wire in clear");
        assertFalse(contains(overTls, secret), "the payload crossed the wire in clear");
        assertFalse(contains(overTls, utf8(ClientIds.node(FLEET, "pi-1"))), "the client id crossed the wire in clear");
        // The same through the plain loopback listener: the relay does see everything, so it is a fair witness.
        byte[] plain = relayed(broker.serverUri(), null, secret);
        assertTrue(contains(plain, pi1Password) && contains(plain, secret), "the relay records what it forwards");
    }

    @Test
    void thePlainListenerServesLoopbackOnly() {
        assertEquals("127.0.0.1", broker.config().plainHost());
        assertTrue(broker.serverUri().startsWith("tcp://127.0.0.1:"), broker.serverUri());
    }

    /** Connects through a recording TCP relay, publishes {@code payload} to itself, and returns every byte the client sent. */
    private byte[] relayed(String target, ClientTls tls, byte[] payload) throws Exception {
        int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
        try (Relay relay = new Relay(port)) {
            String via = target.substring(0, target.lastIndexOf(':') + 1) + relay.port();
            try (PahoTransport t = PahoTransport.connect(settings(via, "pi-1", pi1Password, tls))) {
                t.publish(TOPICS.nodeStatus("pi-1"), payload, true); // returns once the broker acknowledged it
            }
            return relay.sent();
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }

    private List<String> lines() {
        synchronized (logs.list) {
            return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private boolean logged(String fragment) { return lines().stream().anyMatch(l -> l.contains(fragment)); }

    /** A one-connection TCP relay on loopback that keeps a copy of what the client sends. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket server = new ServerSocket();
        private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        private final Thread thread;

        Relay(int targetPort) throws IOException {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(() -> {
                try (Socket client = server.accept(); Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                    Thread back = new Thread(() -> pump(upstream, client, null), "relay-back");
                    back.setDaemon(true);
                    back.start();
                    pump(client, upstream, sent);
                } catch (IOException e) {
                    // closed
                }
            }, "relay");
            thread.setDaemon(true);
            thread.start();
        }

        int port() { return server.getLocalPort(); }

        byte[] sent() throws InterruptedException {
            thread.join(WAIT.toMillis()); // the client closed; everything it sent has been copied
            synchronized (sent) {
                return sent.toByteArray();
            }
        }

        private static void pump(Socket from, Socket to, ByteArrayOutputStream copy) {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (copy != null) synchronized (copy) { copy.write(buf, 0, n); }
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                try { to.close(); } catch (IOException ignored) { }
            }
        }

        @Override
        public void close() throws IOException { server.close(); }
    }
}
