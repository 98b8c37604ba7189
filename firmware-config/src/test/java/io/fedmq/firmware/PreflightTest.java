package io.fedmq.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.fedmq.protocol.security.SigningKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
    @TempDir Path dir;

    private NodeConfig config(Path state, String data) throws Exception {
        return config(state, data, keyFile());
    }

    private NodeConfig config(Path state, String data, Path key) throws ConfigException {
        return NodeConfig.from(ConfigFile.parse("node.id = a\nfleet = f\nmqtt.broker = tcp://b:1883\nstate.dir = " + state
                + "\ndata.source = " + data + "\norchestrator.key = " + key + "\n", "n.conf"));
    }

    private Path keyFile() throws Exception {
        return Files.writeString(dir.resolve("orchestrator.key.pub"), SigningKeys.encodePublic(SigningKeys.generate().getPublic()) + "\n");
    }

    @Test
    void passesWithAWritableStateFolderAndExistingData() throws Exception {
        Files.createDirectory(dir.resolve("names"));
        Preflight.check(config(dir, "surnames:" + dir.resolve("names")));
    }

    @Test
    void namesTheKeysOfMissingFolders() throws Exception {
        List<String> p = assertThrows(ConfigException.class,
                () -> Preflight.check(config(dir.resolve("state"), "surnames:" + dir.resolve("names")))).problems();
        assertEquals(2, p.size());
        assertTrue(p.get(0).startsWith("state.dir = " + dir.resolve("state") + ": no such folder"), p.get(0));
        assertTrue(p.get(1).startsWith("data.source = surnames:" + dir.resolve("names") + ": no such folder"), p.get(1));
    }

    @Test
    void aMissingOrDamagedOrchestratorKeyFileIsNamed() throws Exception {
        Files.writeString(dir.resolve("bad.pub"), "not a key\n");
        for (Path key : List.of(dir.resolve("missing.pub"), dir.resolve("bad.pub"))) {
            List<String> p = assertThrows(ConfigException.class, () -> Preflight.check(config(dir, "builtin", key))).problems();
            assertEquals(1, p.size(), p.toString());
            assertTrue(p.get(0).startsWith("orchestrator.key = " + key + ": cannot read the key"), p.get(0));
        }
        String inline = SigningKeys.encodePublic(SigningKeys.generate().getPublic());
        NodeConfig c = NodeConfig.from(ConfigFile.parse("node.id = a\nfleet = f\nmqtt.broker = tcp://b:1883\nstate.dir = " + dir
                + "\norchestrator.key = " + inline + "\n", "n.conf"));
        Preflight.check(c);
        assertEquals(inline, SigningKeys.encodePublic(c.orchestratorPublicKey()));
        List<String> p = assertThrows(ConfigException.class, () -> NodeConfig.from(ConfigFile.parse(
                "node.id = a\nfleet = f\nmqtt.broker = tcp://b:1883\norchestrator.key = MCowBQYDK2VwAyEAnope\n", "n.conf"))).problems();
        assertTrue(p.get(0).startsWith("n.conf:4: orchestrator.key = MCowBQYDK2VwAyEAnope: not an Ed25519 public key"), p.get(0));
    }

    @Test
    void aReadOnlyStateFolderIsRefused() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes anywhere");
        Path ro = Files.createDirectory(dir.resolve("ro"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
        List<String> p = assertThrows(ConfigException.class, () -> Preflight.check(config(ro, "builtin"))).problems();
        assertTrue(p.get(0).contains("cannot write there"), p.get(0));
    }
}
