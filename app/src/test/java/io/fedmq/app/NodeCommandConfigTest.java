package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.firmware.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedmq node --config FILE --check}: the config, the options over it, the machine and the LEDs, no broker. */
class NodeCommandConfigTest {
    @TempDir Path dir;

    private static Cli.Run node(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "node";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.run(all);
    }


    private Path config(String extra) throws Exception {
        return Files.writeString(dir.resolve("node.conf"), """
                node.id = pi-kitchen
                mqtt.broker = tcp://fedmq-broker.local:1883
                fleet = home
                leds.provider = mock
                state.dir = %s
                orchestrator.key = %s
                """.formatted(dir, io.fedmq.protocol.security.SigningKeys.encodePublic(io.fedmq.protocol.security.SigningKeys.generate().getPublic()))
                + extra);
    }

    @Test
    void aValidConfigPassesTheCheckAndPrintsWhatTheNodeWouldRunWith() throws Exception {
        Cli.Run r = node("--config", config("leds.red = 5\n").toString(), "--check");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("node.id         = pi-kitchen"), r.out());
        assertTrue(r.out().contains("leds.red        = 5"), r.out());
        assertTrue(r.out().contains("leds.provider   = mock"), r.out());
    }

    @Test
    void optionsTypedOnTheCommandLineOverrideTheFileButTheirDefaultsDoNot() throws Exception {
        Cli.Run r = node("--config", config("").toString(), "--broker", "tcp://10.0.0.7:1883", "--check");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("mqtt.broker     = tcp://10.0.0.7:1883"), r.out());
        assertTrue(r.out().contains("fleet           = home"), "--fleet's default 'demo' must not replace the file's fleet: " + r.out());
    }

    @Test
    void aBadConfigStopsTheNodeWithEveryProblemAndExitCode2() throws Exception {
        Path file = config("leds.red = 30\nleds.gren = 22\n");
        Cli.Run r = node("--config", file.toString(), "--check");
        assertEquals(ConfigException.EXIT_CODE, r.code());
        assertTrue(r.err().contains(file + ":7: leds.red = 30: not a usable BCM pin"), r.err());
        assertTrue(r.err().contains(file + ":8: unknown key leds.gren (did you mean leds.green?)"), r.err());
    }

    @Test
    void aBadOptionIsNamedByItsOptionName() throws Exception {
        Cli.Run r = node("--config", config("").toString(), "--shard", "5/4", "--check");
        assertEquals(ConfigException.EXIT_CODE, r.code());
        assertTrue(r.err().contains("--shard: data.shard = 5/4: write i/n"), r.err());
    }

    @Test
    void aMissingStateFolderIsCaughtBeforeTheNodeStarts() throws Exception {
        Path file = Files.writeString(dir.resolve("n.conf"), "node.id = a\nfleet = f\nmqtt.broker = tcp://b:1883\nstate.dir = " + dir.resolve("gone") + "\n");
        Cli.Run r = node("--config", file.toString(), "--check");
        assertEquals(ConfigException.EXIT_CODE, r.code());
        assertTrue(r.err().contains("state.dir = " + dir.resolve("gone") + ": no such folder"), r.err());
    }

    @Test
    void withoutAConfigTheOptionsAreCheckedTheSameWayAndTheLedsAreMocked() {
        Cli.Run missing = node("--check");
        assertEquals(ConfigException.EXIT_CODE, missing.code());
        assertTrue(missing.err().contains("missing --id (or node.id in a --config file)"), missing.err());

        Cli.Run ok = node("--id", "pi-1", "--check");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("mqtt.broker     = tcp://127.0.0.1:1883"), ok.out());
        assertTrue(ok.out().contains("leds.provider   = mock"), ok.out());

        Cli.Run bad = node("--id", "pi-1", "--broker", "mqtt://x:1883", "--check");
        assertEquals(ConfigException.EXIT_CODE, bad.code());
        assertTrue(bad.err().contains("--broker: mqtt.broker = mqtt://x:1883: the scheme must be tcp or ssl"), bad.err());
    }

    @Test
    void gpiodOffThePiRefusesToStartRatherThanFakingTheLeds() throws Exception {
        Path model = Path.of("/proc/device-tree/model");
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(model) && Files.readString(model).contains("Raspberry Pi"));
        Path file = Files.writeString(dir.resolve("pi.conf"), Files.readString(config("")).replace("leds.provider = mock", "leds.provider = gpiod"));
        Cli.Run r = node("--config", file.toString(), "--check");
        assertEquals(ConfigException.EXIT_CODE, r.code());
        assertTrue(r.err().contains("cannot start with the status LEDs") && r.err().contains("gpiod provider"), r.err());
    }
}
