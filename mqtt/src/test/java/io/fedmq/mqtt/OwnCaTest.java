package io.fedmq.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.broker.BrokerConfig;
import io.fedmq.broker.BrokerTls;
import io.fedmq.broker.EmbeddedBroker;
import io.fedmq.broker.auth.CredentialStore;
import io.fedmq.broker.auth.Identity;
import io.fedmq.broker.auth.PasswordHash;
import io.fedmq.broker.auth.Role;
import io.fedmq.broker.auth.StoreAuthenticator;
import io.fedmq.mqtt.MqttSettings.Credentials;
import io.fedmq.protocol.ClientIds;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "A CA of your own": its openssl commands, run as written (with 127.0.0.1 as the broker's address,
 * the only one a test may bind), give files the broker and a node use for mutual TLS.
 */
class OwnCaTest {
    private static final Path README = Path.of("..", "README.md");

    @TempDir Path dir;

    @Test
    void theReadmesOpensslRecipeMakesAFleetThatConnects() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")) || "true".equals(System.getenv("CI")), "openssl is not installed");
        List<String> commands = opensslCommands();
        assertEquals(5, commands.size(), "the recipe's openssl commands: " + commands);
        for (String c : commands) bash(c.replace("IP:192.168.1.10", "IP:127.0.0.1"));

        SecureRandom random = new SecureRandom();
        byte[] password = PasswordHash.newPassword(random);
        Path store = dir.resolve("credentials");
        CredentialStore.update(store, s -> s.with(new Identity("pi-1", Role.NODE, "home", PasswordHash.of(password, PasswordHash.MIN_ITERATIONS, random))));
        BrokerTls tls = BrokerTls.fromPem(0, dir.resolve("broker.pem"), dir.resolve("broker.key"), dir.resolve("ca.pem"));
        try (EmbeddedBroker broker = new EmbeddedBroker(BrokerConfig.loopback(dir.resolve("broker"), 0)
                .withAuthenticator(StoreAuthenticator.open(store)).withTls(tls)).start()) {
            MqttSettings node = MqttSettings.ephemeral(broker.tlsUri(), ClientIds.node("home", "pi-1"))
                    .withCredentials(new Credentials("pi-1", password)).withConnectTimeout(Duration.ofSeconds(5))
                    .withMaxReconnectDelay(Duration.ofSeconds(1))
                    .withTls(ClientTls.fromPem(dir.resolve("ca.pem"), dir.resolve("client.pem"), dir.resolve("client.key")));
            try (PahoTransport t = PahoTransport.connect(node)) {
                t.publish(new Topics("home").nodeStatus("pi-1"), "online".getBytes(StandardCharsets.UTF_8), true);
                assertTrue(t.isConnected());
            }
            // The same node without its certificate does not get in.
            MqttSettings bare = node.withTls(ClientTls.fromPem(dir.resolve("ca.pem"), null, null));
            assertThrows(TransportException.class, () -> PahoTransport.connect(bare));
        }
    }

    /** The openssl lines of the README's own-CA block, continuation lines joined. */
    private static List<String> opensslCommands() throws Exception {
        String readme = Files.readString(README);
        int from = readme.indexOf("**A CA of your own.**");
        assertFalse(from < 0, "the README has no own-CA recipe");
        String block = readme.substring(readme.indexOf("```sh\n", from) + 6, readme.indexOf("```", readme.indexOf("```sh\n", from) + 6));
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : block.split("\n")) {
            if (current == null && !line.startsWith("openssl ")) continue;
            if (current == null) current = new StringBuilder();
            boolean more = line.endsWith("\\");
            current.append(more ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!more) {
                out.add(current.toString().strip());
                current = null;
            }
        }
        return out;
    }

    private void bash(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "hung: " + command);
        assertEquals(0, p.exitValue(), command + "\n" + out);
    }
}
