package io.fedmq.app;

import static io.fedmq.app.AnsibleTools.REPO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.broker.auth.CredentialStore;
import io.fedmq.broker.auth.Role;
import io.fedmq.firmware.NodeConfig;
import io.fedmq.protocol.security.SigningKeys;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * site.yml applied to a real Debian bookworm root file system (debootstrap, host architecture) through Ansible's
 * chroot connection, as one host that is both the server and an edge node: what it installs, that a second run
 * changes nothing, that check mode works on a new host and on a converged one, and that a new node bundle is rolled
 * out with a restart and nothing else. The reboot, restarts and health checks need a booted systemd, which a chroot
 * has not: the roles skip them there (fedmq_node_live), so this test sees them notified but not acting.
 *
 * <p>Needs root (debootstrap, chroot, mounting /proc) and Debian's mirror; outside CI it is skipped without root.
 * Takes 3-5 minutes. Alone: {@code mvn -B -ntp verify -pl app -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=AnsibleConvergeIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnsibleConvergeIT {
    private static final String HOST = "pi-converge";
    private static final Duration RUN = Duration.ofMinutes(10);
    private static final Path WORK = Path.of("target", "ansible-converge").toAbsolutePath();
    private static final Path ROOTFS = WORK.resolve("rootfs");
    private static final Path DATA = WORK.resolve("fedmq-data");
    private static final Path INVENTORY = WORK.resolve("inventory");
    private static final Path NODE_BUNDLE = Path.of("target", "fedmq-node-linux-arm64.tar.gz").toAbsolutePath();
    private static final String BOOT_CONFIG = "# Raspberry Pi OS's own lines (a stand-in)\ndtparam=audio=on\n[cm4]\notg_mode=1\n";

    private static boolean procMounted;
    private static final List<AnsibleTools.Result> runs = new ArrayList<>();
    private static AnsibleTools.Result first;

    @BeforeAll
    static void debootstrapAndConverge() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            if (AnsibleTools.underCi()) throw new IllegalStateException("AnsibleConvergeIT needs root (debootstrap, chroot, mount); CI runs as root");
            Assumptions.abort("AnsibleConvergeIT needs root (debootstrap, chroot, mount): skipping");
        }
        AnsibleTools.require("debootstrap", "debootstrap");
        AnsibleTools.require("ansible-playbook", "ansible");
        assertTrue(Files.isRegularFile(NODE_BUNDLE), NODE_BUNDLE + " was not built");

        cleanUp();
        Files.createDirectories(WORK);
        long t0 = System.nanoTime();
        // Raspberry Pi OS Lite has python3 (Ansible's modules), python3-apt (the apt module's check mode) and systemd.
        AnsibleTools.run(RUN, List.of("debootstrap", "--variant=minbase", "--include=python3,python3-apt,systemd", "bookworm",
                ROOTFS.toString(), System.getenv().getOrDefault("FEDMQ_DEBIAN_MIRROR", "http://deb.debian.org/debian"))).assertSucceeded();
        long t1 = System.nanoTime();
        Files.createDirectories(ROOTFS.resolve("boot/firmware"));
        Files.writeString(ROOTFS.resolve("boot/firmware/config.txt"), BOOT_CONFIG);
        // Java's package scripts run java, which needs /proc (an SD card image being prepared mounts it too).
        AnsibleTools.run(Duration.ofSeconds(30), List.of("mount", "-t", "proc", "proc", ROOTFS.resolve("proc").toString())).assertSucceeded();
        procMounted = true;
        writeInventory();

        // Check mode on a host that has nothing yet: it goes through and writes nothing, here or on the control machine.
        AnsibleTools.Result dryRun = play("--check").assertSucceeded();
        assertEquals(0, dryRun.recap(HOST).get("failed"), dryRun.output());
        assertTrue(Files.notExists(ROOTFS.resolve("etc/fedmq")) && Files.notExists(ROOTFS.resolve("opt/fedmq")), dryRun.output());
        assertTrue(Files.notExists(DATA), "check mode minted nothing");
        long t2 = System.nanoTime();

        first = play().assertSucceeded();
        long t3 = System.nanoTime();
        System.out.printf("AnsibleConvergeIT: debootstrap %.0f s, check mode on a new host %.0f s, first run %.0f s (changed=%d)%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, first.recap(HOST).get("changed"));
    }

    @AfterAll
    static void unmountProc() throws Exception {
        if (procMounted) {
            AnsibleTools.run(Duration.ofSeconds(30), List.of("umount", ROOTFS.resolve("proc").toString())).assertSucceeded();
            procMounted = false;
        }
    }

    @Test
    @Order(1)
    void installsTheNodeAsFirstBootDoes() throws Exception {
        assertTrue(first.recap(HOST).get("changed") > 0, first.output());
        // The unit is firmware-config's, byte for byte, and enabled.
        assertEquals(Files.readString(REPO.resolve("firmware-config/fedmq-node.service")), Files.readString(inRoot("/etc/systemd/system/fedmq-node.service")));
        assertLink("/etc/systemd/system/multi-user.target.wants/fedmq-node.service", "/etc/systemd/system/fedmq-node.service");

        // The user: a system user without a login, in gpio.
        int uid = id("etc/passwd", "fedmq"), gid = id("etc/group", "fedmq");
        assertTrue(line("etc/passwd", "fedmq").endsWith(":/var/lib/fedmq:/usr/sbin/nologin"), line("etc/passwd", "fedmq"));
        assertTrue(List.of(line("etc/group", "gpio").split(":", -1)[3].split(",")).contains("fedmq"), line("etc/group", "gpio"));

        // The config: the node's own validator reads this host's id, pins and the Pi's paths.
        NodeConfig c = NodeConfig.load(inRoot("/etc/fedmq/fedmq-node.conf"));
        assertEquals(HOST, c.nodeId());
        assertEquals("ssl://127.0.0.1:8883", c.broker());
        assertEquals("converge", c.fleet());
        assertEquals(new NodeConfig.Leds(NodeConfig.LedProvider.GPIOD, 5, 6, 13, 19), c.leds());
        assertEquals(Path.of("/var/lib/fedmq"), c.stateDir());
        assertEquals(Path.of("/etc/fedmq/credentials"), c.credentials());
        assertEquals("/etc/fedmq/orchestrator.key.pub", c.orchestratorKey());
        assertEquals("2/3", c.shard().toString());
        assertEquals("192m", c.memory().heap().toString());
        assertOwned("/etc/fedmq/fedmq-node.conf", 0, gid, "rw-r-----");
        assertOwned("/etc/fedmq", 0, gid, "rwxr-x---");
        assertOwned("/var/lib/fedmq", uid, gid, "rwxr-x---");

        // The secrets: minted on the control machine, copied for the fedmq user only.
        assertOwned("/etc/fedmq/credentials", uid, gid, "rw-------");
        assertEquals(Files.readString(DATA.resolve("identities/" + HOST + "/credentials")), Files.readString(inRoot("/etc/fedmq/credentials")));
        assertEquals(HOST, CredentialsFile.read(DATA.resolve("identities/" + HOST + "/credentials")).username());
        assertEquals(SigningKeys.load(DATA.resolve("orchestrator.key")).getPublic(),
                SigningKeys.decodePublic(Files.readString(inRoot("/etc/fedmq/orchestrator.key.pub")).trim()));

        // TLS: the node's certificate (CN = its id) and key, minted with its password, and the fleet's CA.
        assertEquals(new NodeConfig.Tls(Path.of("/etc/fedmq/ca.pem"), Path.of("/etc/fedmq/client.pem"), Path.of("/etc/fedmq/client.key")), c.tls());
        assertOwned("/etc/fedmq/client.key", uid, gid, "rw-------");
        assertOwned("/etc/fedmq/client.pem", 0, 0, "rw-r--r--");
        assertOwned("/etc/fedmq/ca.pem", 0, 0, "rw-r--r--");
        assertEquals(Files.readString(DATA.resolve("tls/ca.pem")), Files.readString(inRoot("/etc/fedmq/ca.pem")));
        var chain = io.fedmq.protocol.security.Pem.readCertificates(inRoot("/etc/fedmq/client.pem"));
        assertTrue(chain.get(0).getSubjectX500Principal().getName().contains("CN=" + HOST), chain.get(0).getSubjectX500Principal().getName());
        io.fedmq.mqtt.ClientTls.fromPem(inRoot("/etc/fedmq/ca.pem"), inRoot("/etc/fedmq/client.pem"), inRoot("/etc/fedmq/client.key"));

        // The bundle: unpacked into a folder named for its checksum, /opt/fedmq pointing at it.
        Path release = assertLink("/opt/fedmq", "/opt/fedmq-releases/" + sha256(NODE_BUNDLE).substring(0, 16));
        assertTrue(Files.isExecutable(release.resolve("fedmq")) && Files.isRegularFile(release.resolve("fedmq.jar")));
        assertTrue(Files.isRegularFile(release.resolve("lib/nd4j-native-1.0.0-M2.1-linux-arm64.jar")));
        assertTrue(Files.isRegularFile(release.resolve("firmware-config/fedmq-node.service")));

        // Java 17 and libgomp1 from Debian.
        try (Stream<Path> jvms = Files.list(inRoot("/usr/lib/jvm"))) {
            assertTrue(jvms.anyMatch(j -> j.getFileName().toString().startsWith("java-17-openjdk") && Files.isExecutable(j.resolve("bin/java"))));
        }
        assertTrue(exists("/usr/lib/x86_64-linux-gnu/libgomp.so.1") || exists("/usr/lib/aarch64-linux-gnu/libgomp.so.1"), "libgomp1");

        // The boot config: the Pi's own lines kept, the fragment added once, on this host's pins.
        String boot = Files.readString(inRoot("/boot/firmware/config.txt"));
        assertTrue(boot.startsWith(BOOT_CONFIG), boot);
        assertTrue(boot.contains("\n[all]\ngpio=5,6,13,19=op,dl\n"), boot);
        assertFalse(boot.contains("gpio=17,27,22,23"), boot);
        // The reboot it calls for was asked for, and skipped: a chroot cannot reboot.
        assertTrue(first.handlersRun().contains("fedmq_node : Reboot for the boot config"), first.output());
    }

    @Test
    @Order(2)
    void installsTheServerWithTheStoreAndTheSigningKey() throws Exception {
        int uid = id("etc/passwd", "fedmq"), gid = id("etc/group", "fedmq");
        CredentialStore store = CredentialStore.read(DATA.resolve("credentials"));
        assertEquals(Role.NODE, store.find(HOST).orElseThrow().role());
        assertEquals(Role.ORCHESTRATOR, store.find("orchestrator").orElseThrow().role());
        assertEquals("converge", store.find(HOST).orElseThrow().fleet());

        assertEquals(Files.readString(DATA.resolve("credentials")), Files.readString(inRoot("/etc/fedmq-server/credentials")));
        assertOwned("/etc/fedmq-server/credentials", uid, gid, "rw-------");
        assertOwned("/etc/fedmq-server/orchestrator.credentials", uid, gid, "rw-------");
        assertOwned("/var/lib/fedmq-orchestrator/orchestrator.key", uid, gid, "rw-------");
        assertEquals(Files.readString(DATA.resolve("orchestrator.key")), Files.readString(inRoot("/var/lib/fedmq-orchestrator/orchestrator.key")));

        String properties = Files.readString(inRoot("/etc/fedmq-server/orchestrator.properties"));
        for (String line : List.of("fleet=converge", "broker=tcp://127.0.0.1:1883", "credentials-file=/etc/fedmq-server/orchestrator.credentials",
                "signing-key=/var/lib/fedmq-orchestrator/orchestrator.key", "model-dir=/var/lib/fedmq-orchestrator/models", "min-nodes=1",
                "rounds=0")) {
            assertTrue(properties.contains("\n" + line + "\n"), line + " in\n" + properties);
        }
        String broker = Files.readString(inRoot("/etc/systemd/system/fedmq-broker.service"));
        assertTrue(broker.contains("\nExecStart=/opt/fedmq-server/fedmq broker --host 0.0.0.0 --port 1883 --data-dir /var/lib/fedmq-broker/data "
                + "--credentials /etc/fedmq-server/credentials --tls-port 8883 --tls-cert /etc/fedmq-server/broker.pem "
                + "--tls-key /etc/fedmq-server/broker.key --tls-client-ca /etc/fedmq-server/ca.pem\n"), broker);
        assertOwned("/etc/fedmq-server/broker.key", uid, gid, "rw-------");
        // The broker's certificate names the host the nodes dial, and the broker reads these very files.
        io.fedmq.broker.BrokerTls tls = io.fedmq.broker.BrokerTls.fromPem(8883, inRoot("/etc/fedmq-server/broker.pem"),
                inRoot("/etc/fedmq-server/broker.key"), inRoot("/etc/fedmq-server/ca.pem"));
        assertTrue(tls.chain().get(0).getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("127.0.0.1")));
        assertTrue(broker.contains("\nUser=fedmq\n") && broker.contains("\nProtectSystem=strict\n"), broker);
        assertLink("/etc/systemd/system/multi-user.target.wants/fedmq-broker.service", "/etc/systemd/system/fedmq-broker.service");
        assertLink("/etc/systemd/system/multi-user.target.wants/fedmq-orchestrator.service", "/etc/systemd/system/fedmq-orchestrator.service");

        Path release = assertLink("/opt/fedmq-server", "/opt/fedmq-server-releases/" + sha256(Path.of("target", "fedmq-server.tar")).substring(0, 16));
        try (Stream<Path> libs = Files.list(release.resolve("lib"))) {
            assertTrue(libs.anyMatch(l -> l.getFileName().toString().startsWith("hivemq-community-edition-embedded")), "the broker's libraries");
        }
    }

    @Test
    @Order(3)
    void aSecondRunChangesNothingAndMintsNothing() throws Exception {
        String credentials = Files.readString(DATA.resolve("identities/" + HOST + "/credentials"));
        String store = Files.readString(DATA.resolve("credentials"));
        long t0 = System.nanoTime();
        AnsibleTools.Result again = play().assertSucceeded();
        long t1 = System.nanoTime();
        assertEquals(0, again.recap(HOST).get("changed"), "changed: " + again.changedTasks() + "\n" + again.output());
        assertEquals(List.of(), again.handlersRun(), again.output());
        assertEquals(credentials, Files.readString(DATA.resolve("identities/" + HOST + "/credentials")), "not minted again");
        assertEquals(store, Files.readString(DATA.resolve("credentials")));

        AnsibleTools.Result check = play("--check", "--diff").assertSucceeded();
        long t2 = System.nanoTime();
        assertEquals(0, check.recap(HOST).get("changed"), "changed: " + check.changedTasks() + "\n" + check.output());
        System.out.printf("AnsibleConvergeIT: second run %.0f s (changed=0), check mode %.0f s (changed=0)%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    @Test
    @Order(4)
    void aNewBundleIsUnpackedBesideTheOldOneAndRestartsTheNodeOnly() throws Exception {
        Path before = Files.readSymbolicLink(inRoot("/opt/fedmq"));
        // Another version: the same files under another gzip header time, so another checksum.
        Path v2 = Files.copy(NODE_BUNDLE, WORK.resolve("fedmq-node-v2.tar.gz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (RandomAccessFile f = new RandomAccessFile(v2.toFile(), "rw")) {
            f.seek(4);
            f.write(new byte[] {1, 2, 3, 4});
        }
        long t0 = System.nanoTime();
        AnsibleTools.Result upgrade = play("-e", "fedmq_node_bundle=" + v2).assertSucceeded();
        long t1 = System.nanoTime();

        assertEquals(Set.of("fedmq_release : Have the version's folder", "fedmq_release : Unpack the bundle (once per version)",
                "fedmq_release : Point the home path at this version"), upgrade.changedTasks(), upgrade.output());
        assertEquals(List.of("fedmq_node : Restart the node"), upgrade.handlersRun(), "no reboot, no server restart");
        Path after = assertLink("/opt/fedmq", "/opt/fedmq-releases/" + sha256(v2).substring(0, 16));
        assertNotEquals(before, Files.readSymbolicLink(inRoot("/opt/fedmq")));
        assertTrue(Files.isRegularFile(after.resolve("fedmq.jar")));
        assertTrue(Files.isRegularFile(inRoot(before.toString()).resolve("fedmq.jar")), "the previous version is kept for a rollback");
        System.out.printf("AnsibleConvergeIT: upgrade run %.0f s%n", (t1 - t0) / 1e9);
    }

    @Test
    @Order(5)
    void noRunEverShowedASecret() throws Exception {
        List<String> secrets = List.of(
                new String(CredentialsFile.read(DATA.resolve("identities/" + HOST + "/credentials")).password(), StandardCharsets.US_ASCII),
                new String(CredentialsFile.read(DATA.resolve("identities/orchestrator/credentials")).password(), StandardCharsets.US_ASCII),
                Files.readString(DATA.resolve("orchestrator.key")).lines().skip(1).findFirst().orElseThrow(),
                Files.readString(DATA.resolve("tls/ca.key")).lines().skip(1).findFirst().orElseThrow(),
                Files.readString(DATA.resolve("identities/" + HOST + "/client.key")).lines().skip(1).findFirst().orElseThrow());
        assertEquals(5, runs.size(), "every run was checked");
        for (AnsibleTools.Result r : runs) {
            for (String secret : secrets) assertFalse(r.output().contains(secret), "a secret in the output of " + r.command());
        }
    }

    // --- the fixture ---------------------------------------------------------------------------------------------

    private static AnsibleTools.Result play(String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ansible-playbook", "-i", INVENTORY.toString(), "site.yml"));
        cmd.addAll(List.of(extra));
        AnsibleTools.Result r = AnsibleTools.run(RUN, cmd);
        runs.add(r);
        return r;
    }

    /** One host in both groups: the chroot. Loopback only: nothing here reaches for a network address. */
    private static void writeInventory() throws IOException {
        Files.createDirectories(INVENTORY.resolve("group_vars"));
        Files.writeString(INVENTORY.resolve("hosts.yml"), String.join("\n",
                "all:",
                "  hosts:",
                "    " + HOST + ":",
                "      ansible_host: " + ROOTFS,
                "      ansible_connection: community.general.chroot",
                "  children:",
                "    fedmq_server:",
                "      hosts:",
                "        " + HOST + ":",
                "    fedmq_nodes:",
                "      hosts:",
                "        " + HOST + ":",
                ""));
        Files.writeString(INVENTORY.resolve("group_vars/all.yml"), String.join("\n",
                "fedmq_fleet: converge",
                "fedmq_broker_uri: ssl://127.0.0.1:8883",
                "fedmq_control_data: " + DATA,
                "fedmq_node_id: " + HOST,
                "fedmq_node_data_shard: 2/3",
                "fedmq_node_leds: {red: 5, yellow: 6, green: 13, blue: 19}",
                "fedmq_node_config: {memory.heap: 192m}",
                "fedmq_server_orchestrator_options: {min-nodes: 1}",
                ""));
    }

    /** Unmounts what an earlier, interrupted run left mounted, then removes its files (never crossing a mount). */
    private static void cleanUp() throws Exception {
        for (String mount : Files.readAllLines(Path.of("/proc/mounts"))) {
            String point = mount.split(" ")[1];
            if (point.startsWith(ROOTFS + "/")) AnsibleTools.run(Duration.ofSeconds(30), List.of("umount", point)).assertSucceeded();
        }
        AnsibleTools.run(Duration.ofMinutes(2), List.of("rm", "-rf", "--one-file-system", WORK.toString())).assertSucceeded();
    }

    private static Path inRoot(String absolute) { return ROOTFS.resolve(absolute.substring(1)); }

    private static boolean exists(String absolute) { return Files.exists(inRoot(absolute)); }

    /** Asserts that {@code link} in the root file system points at {@code target}; returns the target there. */
    private static Path assertLink(String link, String target) throws IOException {
        Path l = inRoot(link);
        assertTrue(Files.isSymbolicLink(l), link + " is not a link");
        assertEquals(Path.of(target), Files.readSymbolicLink(l));
        return inRoot(target);
    }

    private static void assertOwned(String file, int uid, int gid, String mode) throws IOException {
        Path p = inRoot(file);
        assertEquals(uid, Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS), file + " owner");
        assertEquals(gid, Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS), file + " group");
        assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)), file + " mode");
    }

    /** The line of /etc/passwd or /etc/group in the root file system that names {@code name}. */
    private static String line(String file, String name) throws IOException {
        return Files.readAllLines(ROOTFS.resolve(file)).stream().filter(l -> l.startsWith(name + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in /" + file));
    }

    private static int id(String file, String name) throws IOException { return Integer.parseInt(line(file, name).split(":")[2]); }

    private static String sha256(Path file) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
