package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.broker.auth.CredentialStore;
import io.fedmq.broker.auth.Identity;
import io.fedmq.broker.auth.Role;
import io.fedmq.mqtt.MqttSettings.Credentials;
import io.fedmq.protocol.security.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fedmq enroll} and {@code fedmq revoke}: what they write, what they refuse, and that they never show a secret. */
class EnrollCommandTest {
    @TempDir Path dir;

    private static Cli.Run fedmq(String... args) { return Cli.run(args); }


    private String store() { return dir.resolve("credentials").toString(); }

    private String out() { return dir.resolve("ids").toString(); }

    @Test
    void enrollsANodeWithAPasswordOnlyItsCredentialsFileHolds() throws Exception {
        KeyPair orchestrator = SigningKeys.loadOrCreate(dir.resolve("orchestrator.key"));
        Path pub = Files.writeString(dir.resolve("orchestrator.key.pub"), SigningKeys.encodePublic(orchestrator.getPublic()) + "\n");
        Cli.Run r = fedmq("enroll", "pi-1", "--fleet", "home", "--broker", "tcp://10.0.0.2:1883", "--credentials", store(), "--out", out(),
                "--orchestrator-key", pub.toString());
        assertEquals(0, r.code(), r.all());

        Path credentials = dir.resolve("ids/pi-1/credentials");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("credentials"))));
        Credentials c = CredentialsFile.read(credentials);
        assertEquals("pi-1", c.username());
        assertEquals(32, c.password().length, "192 random bits, Base64");
        Identity stored = CredentialStore.read(dir.resolve("credentials")).find("pi-1").orElseThrow();
        assertEquals(Role.NODE, stored.role());
        assertEquals("home", stored.fleet());
        assertTrue(stored.hash().matches(c.password()), "the store holds the hash of the password in the node's file");
        assertFalse(r.all().contains(new String(c.password(), StandardCharsets.US_ASCII)), "never printed: " + r.all());
        assertFalse(Files.readString(dir.resolve("credentials")).contains(new String(c.password(), StandardCharsets.US_ASCII)));
        assertTrue(r.all().contains("./fedmq node --config " + dir.resolve("ids/pi-1/node.conf")), r.all());

        // The node's config is the Pi's format, which `fedmq node --config` reads.
        io.fedmq.firmware.NodeConfig node = io.fedmq.firmware.NodeConfig.load(dir.resolve("ids/pi-1/node.conf"));
        io.fedmq.firmware.Preflight.check(node);
        assertEquals("pi-1", node.nodeId());
        assertEquals("home", node.fleet());
        assertEquals("tcp://10.0.0.2:1883", node.broker());
        assertEquals(orchestrator.getPublic(), node.orchestratorPublicKey(), "the orchestrator key is pinned in the config itself");
        assertArrayEquals(c.password(), CredentialsFile.read(node.credentials()).password());
    }

    @Test
    void withTlsItIssuesACertificateNamedForTheIdentityAndTheConfigsUseIt() throws Exception {
        Path tls = dir.resolve("tls");
        Cli.Run refused = fedmq("enroll", "pi-1", "--tls", "--tls-dir", tls.toString(), "--broker", "ssl://fedmq-broker.local:8883",
                "--credentials", store(), "--out", out());
        assertEquals(1, refused.code());
        assertTrue(refused.all().contains("no CA in " + tls + ": run ./fedmq tls init first"), refused.all());
        assertFalse(Files.exists(dir.resolve("credentials")), "a refused enrollment leaves no identity behind");

        Cli.Run init = fedmq("tls", "init", "--dir", tls.toString(), "--name", "fedmq-broker.local");
        assertEquals(0, init.code(), init.all());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("ca.key"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("broker.key"))));
        Cli.Run plain = fedmq("enroll", "pi-1", "--tls", "--tls-dir", tls.toString(), "--broker", "tcp://10.0.0.2:1883",
                "--credentials", store(), "--out", out());
        assertTrue(plain.all().contains("--tls needs the broker's TLS address: add --broker ssl://HOST:8883"), plain.all());

        Cli.Run r = fedmq("enroll", "pi-1", "--fleet", "home", "--tls", "--tls-dir", tls.toString(), "--broker", "ssl://fedmq-broker.local:8883",
                "--credentials", store(), "--out", out(), "--orchestrator-key", "none.pub");
        assertEquals(0, r.code(), r.all());
        io.fedmq.firmware.NodeConfig node = io.fedmq.firmware.NodeConfig.load(dir.resolve("ids/pi-1/node.conf"));
        assertEquals(dir.resolve("ids/pi-1/ca.pem").toAbsolutePath(), node.tls().ca());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(node.tls().key())));
        var chain = io.fedmq.protocol.security.Pem.readCertificates(node.tls().certificate());
        assertTrue(chain.get(0).getSubjectX500Principal().getName().contains("CN=pi-1"), chain.get(0).getSubjectX500Principal().getName());
        assertEquals(io.fedmq.protocol.security.Pem.readCertificates(tls.resolve("ca.pem")), io.fedmq.protocol.security.Pem.readCertificates(node.tls().ca()));
        chain.get(0).verify(io.fedmq.protocol.security.Pem.readCertificates(tls.resolve("ca.pem")).get(0).getPublicKey());
        // The client side reads exactly these files.
        io.fedmq.mqtt.ClientTls.fromPem(node.tls().ca(), node.tls().certificate(), node.tls().key());

        Cli.Run monitor = fedmq("enroll", "watch", "--role", "monitor", "--fleet", "home", "--tls", "--tls-dir", tls.toString(),
                "--broker", "ssl://fedmq-broker.local:8883", "--credentials", store(), "--out", out());
        assertEquals(0, monitor.code(), monitor.all());
        String properties = Files.readString(dir.resolve("ids/watch/monitor.properties"));
        assertTrue(properties.contains("tls-cert=" + dir.resolve("ids/watch/client.pem").toAbsolutePath()), properties);
        assertTrue(properties.contains("tls-key=") && properties.contains("tls-ca="), properties);
    }

    @Test
    void refusesToReEnrollAnExistingIdentityUnlessRotated() throws Exception {
        assertEquals(0, fedmq("enroll", "pi-1", "--credentials", store(), "--out", out()).code());
        byte[] first = CredentialsFile.read(dir.resolve("ids/pi-1/credentials")).password();

        Cli.Run again = fedmq("enroll", "pi-1", "--credentials", store(), "--out", out());
        assertEquals(1, again.code());
        assertTrue(again.all().contains("node pi-1 of fleet demo is already enrolled") && again.all().contains("--rotate"), again.all());
        assertArrayEquals(first, CredentialsFile.read(dir.resolve("ids/pi-1/credentials")).password(), "nothing was overwritten");

        assertEquals(0, fedmq("enroll", "pi-1", "--rotate", "--credentials", store(), "--out", out()).code());
        byte[] second = CredentialsFile.read(dir.resolve("ids/pi-1/credentials")).password();
        assertFalse(java.util.Arrays.equals(first, second));
        Identity stored = CredentialStore.read(dir.resolve("credentials")).find("pi-1").orElseThrow();
        assertTrue(stored.hash().matches(second));
        assertFalse(stored.hash().matches(first), "the old password is dead");
    }

    @Test
    void revokesAnIdentitySoThatNoPasswordOpensItAgain() throws Exception {
        assertEquals(0, fedmq("enroll", "pi-1", "--credentials", store(), "--out", out()).code());
        Cli.Run r = fedmq("revoke", "pi-1", "--credentials", store());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.all().contains("revoked node pi-1 of fleet demo"), r.all());
        assertTrue(CredentialStore.read(dir.resolve("credentials")).find("pi-1").orElseThrow().revoked());

        Cli.Run unknown = fedmq("revoke", "pi-9", "--credentials", store());
        assertEquals(1, unknown.code());
        assertTrue(unknown.all().contains("no identity 'pi-9'"), unknown.all());
    }

    @Test
    void enrollsAMonitorOfEveryFleetWithAConfigTheMonitorReads() throws Exception {
        Cli.Run r = fedmq("enroll", "watch", "--role", "monitor", "--all-fleets", "--credentials", store(), "--out", out());
        assertEquals(0, r.code(), r.all());
        assertEquals(Identity.ALL_FLEETS, CredentialStore.read(dir.resolve("credentials")).find("watch").orElseThrow().fleet());
        MonitorCommand monitor = new MonitorCommand();
        new CommandLine(monitor).parseArgs("--config", dir.resolve("ids/watch/monitor.properties").toString());
        assertTrue(monitor.allFleets);
        assertEquals("watch", monitor.credentials.credentials().username());
        assertEquals(1, fedmq("enroll", "pi-2", "--all-fleets", "--credentials", store(), "--out", out()).code(), "only a monitor");
    }

    @Test
    void anInlineKeyWithASlashIsTakenAsAKeyNotAMissingFile() throws Exception {
        KeyPair keys = SigningKeys.generate();
        for (int i = 0; i < 200 && !SigningKeys.encodePublic(keys.getPublic()).contains("/"); i++) keys = SigningKeys.generate();
        String inline = SigningKeys.encodePublic(keys.getPublic());
        assertTrue(inline.contains("/"), "about half of all keys have a '/' in Base64");
        PinnedKeyOption option = new PinnedKeyOption();
        new CommandLine(option).parseArgs("--orchestrator-key", inline);
        assertEquals(keys.getPublic(), option.publicKey());
        new CommandLine(option).parseArgs("--orchestrator-key", dir.resolve("missing.pub").toString());
        assertTrue(option.publicKeyIfPresent().isEmpty());
    }

    @Test
    void aCredentialsFileOthersCanReadIsRefused() throws Exception {
        Path file = dir.resolve("creds");
        CredentialsFile.write(file, "pi-1", "secret".getBytes(StandardCharsets.US_ASCII));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CredentialsFile.read(file));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"));
    }
}
