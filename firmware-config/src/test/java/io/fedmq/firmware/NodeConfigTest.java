package io.fedmq.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeConfigTest {
    private static final String MINIMAL = """
            node.id = pi-kitchen
            mqtt.broker = tcp://192.168.1.10:1883
            fleet = home
            """;

    private static NodeConfig parse(String text) throws ConfigException {
        return NodeConfig.from(ConfigFile.parse(text, "n.conf"));
    }

    /** The problems of MINIMAL with {@code extra} appended (its lines start at 4). */
    private static List<String> problems(String extra) {
        return assertThrows(ConfigException.class, () -> parse(MINIMAL + extra)).problems();
    }

    @Test
    void threeKeysAreEnoughAndTheRestHaveDefaults() throws Exception {
        NodeConfig c = parse(MINIMAL);
        assertEquals("pi-kitchen", c.nodeId());
        assertEquals("tcp://192.168.1.10:1883", c.broker());
        assertEquals("home", c.fleet());
        assertEquals(new NodeConfig.DataSource("builtin", null), c.data());
        assertEquals(new NodeConfig.Shard(1, 1), c.shard());
        assertEquals(new NodeConfig.Leds(NodeConfig.LedProvider.MOCK, 17, 27, 22, 23), c.leds());
        assertEquals(Path.of("/var/lib/fedmq"), c.stateDir());
        assertEquals(256L << 20, c.memory().heap().bytes());
        assertEquals(320L << 20, c.memory().offHeap().bytes());
        assertEquals(768L << 20, c.memory().process().bytes());
        assertEquals(Path.of("/var/lib/fedmq/javacpp"), c.javacppCacheDir());
    }

    @Test
    void readsEveryKey() throws Exception {
        NodeConfig c = parse(MINIMAL + """
                data.source = surnames:/srv/fedmq/names/
                data.shard = 2/4
                leds.provider = GPIOD
                leds.red = 5
                leds.yellow = 6
                leds.green = 13
                leds.blue = 19
                state.dir = /srv/fedmq/state
                memory.heap = 1g
                memory.offheap = 512M
                memory.process = 1700m
                """);
        assertEquals(new NodeConfig.DataSource("surnames", Path.of("/srv/fedmq/names")), c.data());
        assertEquals(new NodeConfig.Shard(2, 4), c.shard());
        assertEquals(new NodeConfig.Leds(NodeConfig.LedProvider.GPIOD, 5, 6, 13, 19), c.leds());
        assertEquals(Path.of("/srv/fedmq/state"), c.stateDir());
        assertEquals("1g", c.memory().heap().text());
        assertEquals("512m", c.memory().offHeap().text());
    }

    @Test
    void missingRequiredKeysAreNamedAndDescribed() {
        List<String> p = assertThrows(ConfigException.class, () -> parse("leds.red = 17\n")).problems();
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("missing required key node.id: this node's id"), p.get(0));
        assertTrue(p.get(1).startsWith("missing required key mqtt.broker: "), p.get(1));
        assertTrue(p.get(2).startsWith("missing required key fleet: "), p.get(2));
    }

    @Test
    void unknownKeysAreErrorsWithASuggestion() {
        assertEquals(List.of(
                "n.conf:4: unknown key leds.gren (did you mean leds.green?)",
                "n.conf:5: unknown key led.red (did you mean leds.red?)",
                "n.conf:6: unknown key colour.scheme"), problems("leds.gren = 22\nled.red = 17\ncolour.scheme = dark\n"));
    }

    @Test
    void pinsMustBeUsableBcmNumbers() {
        assertEquals(List.of(
                "n.conf:4: leds.red = 1: not a usable BCM pin: use 2..27 (GPIO2..GPIO27, not header pin numbers)",
                "n.conf:5: leds.yellow = 40: not a usable BCM pin: use 2..27 (GPIO2..GPIO27, not header pin numbers)",
                "n.conf:6: leds.green = GPIO22: not a pin number: write the BCM number, e.g. 17 for GPIO17 (header pin 11)"),
                problems("leds.red = 1\nleds.yellow = 40\nleds.green = GPIO22\n"));
        assertTrue(problems("leds.blue = 28\n").get(0).contains("leds.blue = 28: not a usable BCM pin"));
    }

    @Test
    void twoLedsCannotShareAPin() {
        assertEquals(List.of("n.conf:5: leds.blue = 17: pin 17 is already leds.red; each LED needs its own pin"),
                problems("leds.red = 17\nleds.blue = 17\n"));
        // a default counts too: green's default is 22
        assertEquals(List.of("n.conf:4: leds.blue = 22: pin 22 is already leds.green; each LED needs its own pin"),
                problems("leds.blue = 22\n"));
    }

    @Test
    void theBrokerMustBeATcpOrSslUriWithHostAndPort() throws Exception {
        List<String> bad = List.of("mqtt://broker:1883", "tcp://broker", "tcp://:1883", "broker:1883", "tcp://broker:1883/fedmq",
                "tcp://user@broker:1883", "tcp://bro ker:1883", "tcp://broker:99999");
        for (String uri : bad) {
            List<String> p = assertThrows(ConfigException.class, () -> parse("node.id = a\nfleet = f\nmqtt.broker = " + uri + "\n"),
                    uri).problems();
            assertEquals(1, p.size(), uri + ": " + p);
            assertTrue(p.get(0).startsWith("n.conf:3: mqtt.broker = " + uri + ": "), p.get(0));
        }
        assertEquals("ssl://broker.example:8883", parse("node.id = a\nfleet = f\nmqtt.broker = ssl://broker.example:8883\n").broker());
        assertEquals("tcp://[fd00::2]:1883", parse("node.id = a\nfleet = f\nmqtt.broker = tcp://[fd00::2]:1883\n").broker());
    }

    @Test
    void tlsKeysGoWithAnSslBrokerAndACertificateWithItsKey() throws Exception {
        String ssl = "node.id = a\nfleet = f\nmqtt.broker = ssl://broker.example:8883\n";
        NodeConfig c = parse(ssl + "tls.ca = /etc/fedmq/ca.pem\ntls.cert = /etc/fedmq/client.pem\ntls.key = /etc/fedmq/client.key\n");
        assertEquals(new NodeConfig.Tls(Path.of("/etc/fedmq/ca.pem"), Path.of("/etc/fedmq/client.pem"), Path.of("/etc/fedmq/client.key")), c.tls());
        assertEquals(new NodeConfig.Tls(null, null, null), parse(ssl).tls(), "ssl:// alone: the JDK's CAs, no client certificate");
        assertEquals(null, parse(MINIMAL).tls(), "tcp:// has no TLS");

        assertEquals(List.of("n.conf:4: tls.cert: needs tls.key too: a certificate and its key go together"),
                assertThrows(ConfigException.class, () -> parse(ssl + "tls.cert = /etc/fedmq/client.pem\n")).problems());
        List<String> plain = problems("tls.ca = /etc/fedmq/ca.pem\n");
        assertEquals(1, plain.size(), plain.toString());
        assertTrue(plain.get(0).contains("tls.ca: only for a TLS broker; mqtt.broker = tcp://192.168.1.10:1883 is plain TCP"), plain.get(0));
        assertTrue(assertThrows(ConfigException.class, () -> parse(ssl + "tls.ca = ca.pem\n")).problems().get(0)
                .contains("tls.ca = ca.pem: the CA certificate must be an absolute path"));
    }

    @Test
    void namesFollowTheTopicTreeRules() {
        List<String> p = assertThrows(ConfigException.class, () -> parse("node.id = pi/kitchen\nfleet = +\nmqtt.broker = tcp://b:1\n")).problems();
        assertEquals(2, p.size());
        assertTrue(p.get(0).startsWith("n.conf:1: node.id = pi/kitchen: not a node id"), p.get(0));
        assertTrue(p.get(1).startsWith("n.conf:2: fleet = +: not a fleet name"), p.get(1));
    }

    @Test
    void sizesAreWholeNumbersWithKmOrG() {
        assertEquals(List.of(
                "n.conf:4: memory.heap = 256MB: '256MB' is not a size: write a whole number with k, m or g, e.g. 256m",
                "n.conf:5: memory.offheap = 0.5g: '0.5g' is not a size: write a whole number with k, m or g, e.g. 256m",
                "n.conf:6: memory.process = 0: '0' is zero"),
                problems("memory.heap = 256MB\nmemory.offheap = 0.5g\nmemory.process = 0\n"));
        assertEquals(List.of("n.conf:4: memory.heap = 32m: at least 64m: the node's JVM does not start in less"), problems("memory.heap = 32m\n"));
    }

    @Test
    void theProcessBoundMustLeaveRoomForHeapOffHeapAndTheJvm() {
        assertEquals(List.of("n.conf:6: memory.process = 1g: must be at least memory.heap + memory.offheap + 128m for the JVM itself = 1152m"),
                problems("memory.heap = 512m\nmemory.offheap = 512m\nmemory.process = 1g\n"));
        // the default process bound is checked against the heap the file raised
        assertTrue(problems("memory.heap = 1g\n").get(0).startsWith("memory.process = 768m: must be at least"), problems("memory.heap = 1g\n").toString());
    }

    @Test
    void otherValuesSayWhatTheyShouldLookLike() {
        assertEquals(List.of(
                "n.conf:4: data.source = /srv/names: write builtin or surnames:/ABSOLUTE/DIR",
                "n.conf:5: data.shard = 3/2: write i/n with 1 <= i <= n, e.g. 2/4",
                "n.conf:6: leds.provider = linuxfs: write gpiod, mock or none",
                "n.conf:7: state.dir = fedmq-state: the state folder must be an absolute path, e.g. /var/lib/fedmq"),
                problems("data.source = /srv/names\ndata.shard = 3/2\nleds.provider = linuxfs\nstate.dir = fedmq-state\n"));
        assertTrue(problems("data.source = surnames:names\n").get(0).contains("the surnames folder must be an absolute path"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<String> p = assertThrows(ConfigException.class, () -> parse("""
                node.id = pi kitchen
                mqtt.broker = localhost
                leds.red = 99
                memory.heap = lots
                nonsense = 1
                """)).problems();
        assertEquals(6, p.size(), String.join("\n", p)); // 5 bad lines and the missing fleet
    }

    @Test
    void laterSettingsOverrideEarlierOnes() throws Exception {
        List<Setting> s = new ArrayList<>(ConfigFile.parse(MINIMAL, "n.conf"));
        s.add(new Setting("mqtt.broker", "tcp://127.0.0.1:1883", "--broker"));
        assertEquals("tcp://127.0.0.1:1883", NodeConfig.from(s).broker());
        s.add(new Setting("data.shard", "5/4", "--shard"));
        assertEquals(List.of("--shard: data.shard = 5/4: write i/n with 1 <= i <= n, e.g. 2/4"),
                assertThrows(ConfigException.class, () -> NodeConfig.from(s)).problems());
    }

    @Test
    void describesItselfAsTheFileWouldSayIt() throws Exception {
        NodeConfig c = parse(MINIMAL + "data.source = surnames:/srv/names\nleds.provider = none\n");
        assertEquals("surnames:/srv/names", c.describe().get(ConfigKey.DATA_SOURCE));
        assertEquals("none", c.describe().get(ConfigKey.LEDS_PROVIDER));
        assertEquals(ConfigKey.values().length, c.describe().size());
        assertNull(ConfigKey.of("nonsense").orElse(null));
    }
}
