package io.fedmq.app;

import static io.fedmq.app.AnsibleTools.ANSIBLE;
import static io.fedmq.app.AnsibleTools.REPO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.firmware.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playbook and roles in {@code ansible/} pass Debian's ansible-lint and Ansible's syntax check, and the node config
 * they render for the example inventory is one the node's own validator accepts. (AnsibleConvergeIT applies them.)
 */
class AnsibleChecksTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Path TEMPLATE = REPO.resolve("firmware-config/fedmq-node.conf");

    @TempDir Path dir;

    @Test
    void ansibleLintPassesWithTheProductionProfile() throws Exception {
        AnsibleTools.require("ansible-lint", "ansible-lint");
        AnsibleTools.Result r = AnsibleTools.run(TIMEOUT, List.of("ansible-lint", "--nocolor")).assertSucceeded();
        assertTrue(r.output().contains("production profile"), "the profile .ansible-lint asks for:\n" + r.output());
    }

    @Test
    void everyPlaybookPassesTheSyntaxCheck() throws Exception {
        AnsibleTools.require("ansible-playbook", "ansible");
        for (String playbook : List.of("site.yml", "tests/render-node-config.yml")) {
            AnsibleTools.run(TIMEOUT, List.of("ansible-playbook", "-i", "inventory/example", playbook, "--syntax-check")).assertSucceeded();
        }
    }

    @Test
    void theExampleInventoryRendersConfigsTheNodeAccepts() throws Exception {
        AnsibleTools.require("ansible-playbook", "ansible");
        render().assertSucceeded();

        for (String host : List.of("pi-kitchen", "pi-livingroom", "pi-garage")) {
            Path file = dir.resolve(host).resolve("fedmq-node.conf");
            NodeConfig c = NodeConfig.load(file); // the node's own validator: every key, value and range
            assertEquals(host, c.nodeId());
            assertEquals("ssl://fedmq-server.local:8883", c.broker());
            assertEquals(new NodeConfig.Tls(Path.of("/etc/fedmq/ca.pem"), Path.of("/etc/fedmq/client.pem"), Path.of("/etc/fedmq/client.key")), c.tls());
            assertEquals("home", c.fleet());
            assertEquals(Path.of("/etc/fedmq/credentials"), c.credentials());
            assertEquals("/etc/fedmq/orchestrator.key.pub", c.orchestratorKey());
            assertEquals(Path.of("/var/lib/fedmq"), c.stateDir());
            assertEquals(NodeConfig.LedProvider.GPIOD, c.leds().provider());
            assertEquals(3, c.shard().count());
            assertSameLinesAsTheTemplateBut(file);
        }
        // host_vars: pi-garage's LEDs are on other pins, and it is a Pi 3 with a smaller heap.
        NodeConfig garage = NodeConfig.load(dir.resolve("pi-garage/fedmq-node.conf"));
        assertEquals(new NodeConfig.Leds(NodeConfig.LedProvider.GPIOD, 5, 6, 13, 19), garage.leds());
        assertEquals("192m", garage.memory().heap().toString());
        assertEquals(new NodeConfig.Leds(NodeConfig.LedProvider.GPIOD, 17, 27, 22, 23),
                NodeConfig.load(dir.resolve("pi-kitchen/fedmq-node.conf")).leds());
        assertEquals(2, NodeConfig.load(dir.resolve("pi-livingroom/fedmq-node.conf")).shard().index());
    }

    @Test
    void aTcpBrokerRendersAConfigWithoutTls() throws Exception {
        AnsibleTools.require("ansible-playbook", "ansible");
        render("-e", "fedmq_broker_uri=tcp://fedmq-server.local:1883").assertSucceeded();
        Path file = dir.resolve("pi-kitchen/fedmq-node.conf");
        NodeConfig c = NodeConfig.load(file); // tls.* keys with a tcp:// broker would be refused
        assertEquals("tcp://fedmq-server.local:1883", c.broker());
        assertEquals(null, c.tls());
        assertTrue(Files.readString(file).contains("\n# tls.ca = /etc/fedmq/ca.pem    (a tcp:// broker: no TLS)\n"), Files.readString(file));
        assertSameLinesAsTheTemplateBut(file);
    }

    @Test
    void refusesAKeyTheTemplateDoesNotKnow() throws Exception {
        AnsibleTools.require("ansible-playbook", "ansible");
        AnsibleTools.Result r = render("-e", "{\"fedmq_node_config\": {\"leds.purple\": 4}}");
        assertNotEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("unknown keys ['leds.purple'] in fedmq_node_config"), r.output());
        assertTrue(Files.notExists(dir.resolve("pi-kitchen/fedmq-node.conf")), "nothing is written");
    }

    private AnsibleTools.Result render(String... extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ansible-playbook", "-i", "inventory/example",
                "tests/render-node-config.yml", "-e", "render_dir=" + dir));
        cmd.addAll(List.of(extra));
        return AnsibleTools.run(TIMEOUT, cmd);
    }

    /**
     * The rendered file is firmware-config's template, every comment kept, under a header saying where it came from:
     * only values differ. So a key the template gains (or a comment it changes) reaches the fleet on the next run.
     */
    private static void assertSameLinesAsTheTemplateBut(Path rendered) throws Exception {
        List<String> template = Files.readAllLines(TEMPLATE);
        List<String> lines = Files.readAllLines(rendered);
        int start = lines.indexOf(template.get(0));
        assertTrue(start > 0 && lines.subList(0, start).stream().allMatch(l -> l.startsWith("#")), "a comment header, then the template:\n" + lines);
        List<String> body = lines.subList(start, lines.size());
        assertEquals(template.size(), body.size(), rendered + ":\n" + String.join("\n", body));
        for (int i = 0; i < template.size(); i++) {
            String want = template.get(i), got = body.get(i);
            if (want.equals(got)) continue;
            assertTrue(want.matches("[a-z][a-z.]* *=.*"), "line " + (i + 1) + " differs but is not a setting: " + got);
            assertEquals(key(want), key(got).replaceFirst("^# (tls[.])", "$1"), "line " + (i + 1) + " (only tls.* may be commented out, for tcp://)");
        }
    }

    private static String key(String line) { return line.substring(0, line.indexOf('=')).trim(); }
}
