package io.fedmq.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @Test
    void readsKeysValuesAndTheLineEachCameFrom() throws Exception {
        List<Setting> s = ConfigFile.parse("""
                # a comment
                node.id = pi-kitchen

                  leds.red=17      # header pin 11
                mqtt.broker =  tcp://10.0.0.2:1883\r
                data.source = surnames:/srv/data/names#2
                """, "node.conf");
        assertEquals(List.of(
                new Setting("node.id", "pi-kitchen", "node.conf:2"),
                new Setting("leds.red", "17", "node.conf:4"),
                new Setting("mqtt.broker", "tcp://10.0.0.2:1883", "node.conf:5"),
                new Setting("data.source", "surnames:/srv/data/names#2", "node.conf:6")), s);
    }

    @Test
    void reportsEveryBadLineWithItsNumber() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.parse("""
                node.id pi-kitchen
                Leds.Red = 17
                fleet =
                node.id = "pi-kitchen"
                leds.red = 17
                leds.red = 18
                """, "f"));
        assertEquals(List.of(
                "f:1: expected 'key = value', got 'node.id pi-kitchen'",
                "f:2: 'Leds.Red' is not a key: keys are lower case words joined by dots, e.g. leds.red",
                "f:3: fleet has no value; delete the line to use the default",
                "f:4: node.id: values are not quoted; write node.id = pi-kitchen",
                "f:6: leds.red is already set on line 5; keep one of them"), e.problems());
    }

    @Test
    void aMissingOrBinaryFileIsSaidSo(@TempDir Path dir) throws Exception {
        ConfigException missing = assertThrows(ConfigException.class, () -> ConfigFile.read(dir.resolve("nope.conf")));
        assertTrue(missing.getMessage().endsWith("nope.conf: no such file"), missing.getMessage());
        Path binary = Files.write(dir.resolve("bin.conf"), new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        assertTrue(assertThrows(ConfigException.class, () -> ConfigFile.read(binary)).getMessage().endsWith("not UTF-8 text"));
        Path ok = Files.writeString(dir.resolve("ok.conf"), "fleet = häuschen\n", StandardCharsets.UTF_8);
        assertEquals("häuschen", ConfigFile.read(ok).get(0).value());
    }
}
