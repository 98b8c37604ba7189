package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.security.SigningKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedmq keygen}: the key the orchestrator will sign with, made before it first runs, and never replaced. */
class KeygenCommandTest {
    @TempDir Path dir;

    private static Cli.Run fedmq(String... args) { return Cli.run(args); }


    @Test
    void createsTheKeyTheOrchestratorLoadsAndThePublicHalfNodesPin() throws Exception {
        Path key = dir.resolve("keys/orchestrator.key");
        Cli.Run r = fedmq("keygen", "--signing-key", key.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.all().startsWith("created the signing key " + key), r.all());

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        KeyPair pair = SigningKeys.load(key); // what `fedmq orchestrator --signing-key` reads
        Path pub = dir.resolve("keys/orchestrator.key.pub");
        assertEquals(pair.getPublic(), SigningKeys.decodePublic(Files.readString(pub).trim()));
        assertTrue(r.all().contains(SigningKeys.fingerprint(pair.getPublic())), r.all());
    }

    @Test
    void keepsAKeyThatExistsAndRewritesItsPublicHalf() throws Exception {
        Path key = dir.resolve("orchestrator.key");
        KeyPair first = SigningKeys.loadOrCreate(key);
        String before = Files.readString(key);
        Path pub = dir.resolve("orchestrator.key.pub");
        Files.writeString(pub, "stale\n");

        Cli.Run r = fedmq("keygen", "--signing-key", key.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.all().startsWith("kept the signing key " + key), r.all());
        assertEquals(before, Files.readString(key), "the key every node pins must never change under them");
        assertEquals(SigningKeys.encodePublic(first.getPublic()) + "\n", Files.readString(pub));
    }

    @Test
    void refusesAFileThatIsNotAKeyAndLeavesItAlone() throws Exception {
        Path key = Files.writeString(dir.resolve("orchestrator.key"), "not a key\n");
        Cli.Run r = fedmq("keygen", "--signing-key", key.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.all().contains("has no PRIVATE KEY block"), r.all());
        assertEquals("not a key\n", Files.readString(key));
    }
}
