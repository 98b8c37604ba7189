package io.fedmq.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {
    private final NodeConfig config = NodeConfig.from(ConfigFile.parse("""
            node.id = pi-1
            mqtt.broker = tcp://b:1883
            fleet = home
            state.dir = /srv/fedmq
            memory.heap = 300m
            memory.offheap = 1g
            memory.process = 2g
            """, "n.conf"));

    JvmOptionsTest() throws ConfigException {}

    @Test
    void boundsHeapAndNativeMemoryAndKeepsNativeCachesInTheStateFolder() {
        assertEquals(List.of(
                "-Xmx300m",
                "-Dorg.bytedeco.javacpp.maxbytes=1073741824",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=2147483648",
                "-Dorg.bytedeco.javacpp.cachedir=/srv/fedmq/javacpp",
                "-Djna.tmpdir=/srv/fedmq/jna"), JvmOptions.of(config));
    }

    @Test
    void aJvmStartedWithTheseOptionsMatches() {
        Map<String, String> props = new HashMap<>();
        for (String o : JvmOptions.of(config)) {
            if (o.startsWith("-D")) props.put(o.substring(2, o.indexOf('=')), o.substring(o.indexOf('=') + 1));
        }
        assertEquals(List.of(), JvmOptions.mismatches(config, 290L << 20, props));
    }

    @Test
    void aJvmStartedAnotherWaySaysWhichBoundsItLacks() {
        List<String> m = JvmOptions.mismatches(config, 4L << 30, Map.of("org.bytedeco.javacpp.maxbytes", "512m"));
        assertEquals(4, m.size(), m.toString());
        assertEquals("the heap may grow to 4096 MiB, past memory.heap = 300m", m.get(0));
        assertEquals("-Dorg.bytedeco.javacpp.maxbytes is 512m, not 1073741824 as memory.offheap = 1g asks", m.get(1));
        assertTrue(m.get(2).startsWith("-Dorg.bytedeco.javacpp.maxphysicalbytes is not set"), m.get(2));
        assertTrue(m.get(3).contains("state.dir = /srv/fedmq"), m.get(3));
    }
}
