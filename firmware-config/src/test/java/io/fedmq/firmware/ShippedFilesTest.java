package io.fedmq.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file this module ships is checked here: a Pi should never be the first to find a mistake in one. */
class ShippedFilesTest {
    private static final Path HERE = Path.of("").toAbsolutePath();
    private static final Path ROOT = HERE.getParent();
    private static final Path TEMPLATE = HERE.resolve("fedmq-node.conf");
    private static final Path UNIT = HERE.resolve("fedmq-node.service");
    private static final Path FRAGMENT = HERE.resolve("config.txt.fragment");
    /** The root README's section on the Pi, which points here; the rest of that README is other modules' business. */
    private static final String ROOT_README_SECTION = "## On a Raspberry Pi";

    private static String read(Path p) throws IOException { return Files.readString(p, StandardCharsets.UTF_8); }

    private static NodeConfig template() throws ConfigException { return NodeConfig.load(TEMPLATE); }

    // --- the config template ---------------------------------------------------------------------------------

    @Test
    void theTemplateValidatesAndIsSetUpForARealPi() throws Exception {
        NodeConfig c = template();
        assertEquals(NodeConfig.LedProvider.GPIOD, c.leds().provider());
        assertEquals(Path.of("/var/lib/fedmq"), c.stateDir());
    }

    @Test
    void theTemplateSetsEveryKeySoThatEachIsSeenAndExplained() throws Exception {
        Set<String> set = ConfigFile.read(TEMPLATE).stream().map(Setting::key).collect(Collectors.toSet());
        for (ConfigKey k : ConfigKey.values()) assertTrue(set.contains(k.key()), "the template does not set " + k.key());
    }

    @Test
    void theReadmeDocumentsEveryKeyWithItsDefault() throws Exception {
        String readme = read(HERE.resolve("README.md"));
        for (ConfigKey k : ConfigKey.values()) {
            String row = "| `" + k.key() + "` | " + k.defaultValue().map(v -> "`" + v + "`").orElse("(required)") + " |";
            assertTrue(readme.contains(row), "README.md lacks the row " + row);
        }
    }

    // --- the systemd unit ------------------------------------------------------------------------------------

    @Test
    void theUnitParsesAndHasItsThreeSections() throws Exception {
        UnitFile unit = UnitFile.parse(read(UNIT));
        assertEquals(List.of("Unit", "Service", "Install"), unit.sectionNames());
        assertTrue(unit.get("Unit", "After").contains("network-online.target"));
        assertTrue(unit.get("Unit", "Wants").contains("network-online.target"));
        assertEquals("multi-user.target", unit.get("Install", "WantedBy"));
        Set<String> unknown = new TreeSet<>();
        for (String section : unit.sectionNames()) {
            for (String key : unit.section(section).keySet()) if (!KNOWN_KEYS.contains(key)) unknown.add(section + "/" + key);
        }
        assertEquals(Set.of(), unknown, "keys this test does not know: a typo, or a real systemd key to add to KNOWN_KEYS");
    }

    @Test
    void theUnitRunsTheLauncherWithTheInstalledConfigAsAnUnprivilegedGpioUser() throws Exception {
        UnitFile unit = UnitFile.parse(read(UNIT));
        assertEquals("/opt/fedmq/fedmq node --config /etc/fedmq/fedmq-node.conf", unit.get("Service", "ExecStart"));
        assertEquals("fedmq", unit.get("Service", "User"));
        assertTrue(words(unit.get("Service", "SupplementaryGroups")).contains("gpio"));
        assertEquals("", unit.get("Service", "CapabilityBoundingSet"), "no capabilities at all");
    }

    @Test
    void theUnitRestartsWithBackoffButNotOnABadConfig() throws Exception {
        UnitFile unit = UnitFile.parse(read(UNIT));
        assertEquals("on-failure", unit.get("Service", "Restart"));
        assertNotNull(unit.get("Service", "RestartSec"));
        assertNotNull(unit.get("Service", "RestartMaxDelaySec"));
        assertTrue(words(unit.get("Service", "RestartPreventExitStatus")).contains(String.valueOf(ConfigException.EXIT_CODE)));
        assertEquals("0", unit.get("Unit", "StartLimitIntervalSec"), "a home device never gives up");
    }

    @Test
    void theUnitIsSandboxedYetReachesItsStateFolderAndTheGpioChips() throws Exception {
        UnitFile unit = UnitFile.parse(read(UNIT));
        assertEquals("yes", unit.get("Service", "NoNewPrivileges"));
        assertEquals("strict", unit.get("Service", "ProtectSystem"));
        assertEquals("yes", unit.get("Service", "ProtectHome"));
        assertEquals("yes", unit.get("Service", "PrivateTmp"));
        assertEquals("closed", unit.get("Service", "DevicePolicy"));
        assertEquals("char-gpiochip rw", unit.get("Service", "DeviceAllow"));
        assertNull(unit.get("Service", "PrivateDevices"), "PrivateDevices would hide /dev/gpiochip*");
        assertNull(unit.get("Service", "MemoryDenyWriteExecute"), "MemoryDenyWriteExecute breaks the JVM's JIT");
        Path state = template().stateDir();
        assertEquals(state, Path.of("/var/lib").resolve(unit.get("Service", "StateDirectory")), "the template's state.dir is the unit's StateDirectory");
        assertTrue(words(unit.get("Service", "ReadWritePaths")).contains(state.toString()));
        assertEquals(state.toString(), unit.get("Service", "WorkingDirectory"), "anything written by accident lands in the state folder");
    }

    @Test
    void theUnitsMemoryWallStandsAboveTheTemplatesBoundsAndLeavesThemToTheConfig() throws Exception {
        UnitFile unit = UnitFile.parse(read(UNIT));
        long wall = Size.parse(unit.get("Service", "MemoryMax").toLowerCase()).bytes();
        assertTrue(wall > template().memory().process().bytes(), "MemoryMax must exceed memory.process, so that ND4J refuses before the kernel kills");
        assertTrue(read(TEMPLATE).contains("MemoryMax (" + unit.get("Service", "MemoryMax") + ")"), "the template quotes the unit's MemoryMax");
        assertEquals("0", unit.get("Service", "MemorySwapMax"), "no swapping onto the SD card");
        String env = String.join(" ", unit.all("Service", "Environment"));
        assertTrue(env.contains("OMP_NUM_THREADS="), env);
        for (String owned : List.of("-Xmx", "javacpp.maxbytes", "javacpp.maxphysicalbytes", "javacpp.cachedir")) {
            assertFalse(env.contains(owned), owned + " belongs in the config file, which the launcher turns into JVM options");
        }
    }

    @Test
    void theLauncherAsksTheValidatorForTheJvmOptions() throws Exception {
        String launcher = read(ROOT.resolve("fedmq"));
        assertTrue(launcher.contains(JvmOptions.class.getName()), "./fedmq must call " + JvmOptions.class.getName());
    }

    @Test
    void systemdAnalyzeVerifiesTheUnitWhereItExists(@TempDir Path dir) throws Exception {
        Path analyze = onPath("systemd-analyze");
        assumeTrue(analyze != null, "systemd-analyze is not installed here: the unit was checked by the tests above only");
        // The bundle is not installed on a build machine: point ExecStart at the same launcher in this checkout.
        Path copy = dir.resolve("fedmq-node.service");
        Files.writeString(copy, read(UNIT).replace("ExecStart=/opt/fedmq/fedmq ", "ExecStart=" + ROOT.resolve("fedmq") + " "));
        Process p = new ProcessBuilder(analyze.toString(), "verify", copy.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze verify did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> complaints = out.lines().filter(l -> !l.isBlank())
                // Keys newer than this systemd (RestartSteps and RestartMaxDelaySec arrived in 254) are ignored by it.
                .filter(l -> !l.matches(".*Unknown key '(RestartSteps|RestartMaxDelaySec)'.*"))
                .toList();
        assertEquals(List.of(), complaints, out);
        assertEquals(0, p.exitValue(), out);
    }

    // --- the boot-config fragment ----------------------------------------------------------------------------

    private static final Pattern GPIO = Pattern.compile("gpio=([0-9,]+)=(.+)");
    private static final Set<String> FILTERS = Set.of("[all]", "[pi3]", "[pi3+]", "[pi4]", "[pi400]", "[pi5]", "[pi500]", "[cm4]", "[cm5]", "[pi02]");
    private static final Set<String> GPIO_OPTIONS = Set.of("ip", "op", "a0", "a1", "a2", "a3", "a4", "a5", "dh", "dl", "pu", "pd", "pn", "np");

    @Test
    void theFragmentHoldsOnlyKnownDirectivesAndDrivesTheTemplatesPinsLow() throws Exception {
        List<String> gpioLines = new ArrayList<>();
        for (String raw : read(FRAGMENT).lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("[")) {
                assertTrue(FILTERS.contains(line), "not a config.txt filter: " + line);
                continue;
            }
            Matcher m = GPIO.matcher(line);
            if (!m.matches()) fail("config.txt.fragment may only hold comments, filters and gpio= lines, not: " + line);
            for (String option : m.group(2).split(",")) assertTrue(GPIO_OPTIONS.contains(option), "not a gpio= option: " + option);
            gpioLines.add(line);
        }
        assertEquals(1, gpioLines.size(), "one gpio= line for the four LEDs");
        Matcher m = GPIO.matcher(gpioLines.get(0));
        assertTrue(m.matches());
        NodeConfig.Leds leds = template().leds();
        assertEquals(Set.of(leds.red(), leds.yellow(), leds.green(), leds.blue()),
                Arrays.stream(m.group(1).split(",")).map(Integer::valueOf).collect(Collectors.toSet()), "the fragment's pins are the template's");
        assertEquals("op,dl", m.group(2), "outputs, driven low: dark until the node starts");
    }

    // --- the documents ---------------------------------------------------------------------------------------

    /** Relative paths in backticks or in a command line, e.g. `fedmq-node.conf` or firmware-config/FIRST-BOOT.md. */
    private static final Pattern REFERENCE = Pattern.compile("(?<![\\w/.$-])((?:[\\w.-]+/)*[\\w-][\\w.-]*\\.(?:conf|service|fragment|md|java)|(?:firmware-config|src/main/java)(?:/[\\w.-]+)*/?)(?![\\w/])");

    @Test
    void theDocumentsNameOnlyFilesThatExist() throws Exception {
        String rootReadme = read(ROOT.resolve("README.md"));
        int from = rootReadme.indexOf(ROOT_README_SECTION);
        assertTrue(from >= 0, "README.md has no section '" + ROOT_README_SECTION + "'");
        int to = rootReadme.indexOf("\n## ", from + 1);
        String section = rootReadme.substring(from, to < 0 ? rootReadme.length() : to);
        assertTrue(section.contains("firmware-config/FIRST-BOOT.md"), "the root README's Pi section points to FIRST-BOOT.md");

        List<String> found = new ArrayList<>(), missing = new ArrayList<>();
        check("FIRST-BOOT.md", read(HERE.resolve("FIRST-BOOT.md")), found, missing);
        check("firmware-config/README.md", read(HERE.resolve("README.md")), found, missing);
        check("README.md", section, found, missing);
        assertEquals(List.of(), missing);
        assertTrue(found.containsAll(List.of("fedmq-node.conf", "fedmq-node.service", "config.txt.fragment", "firmware-config/FIRST-BOOT.md")),
                "the checker saw the references it should: " + found);
    }

    @Test
    void firstBootInstallsFilesWhereTheUnitLooksForThem() throws Exception {
        String steps = read(HERE.resolve("FIRST-BOOT.md"));
        UnitFile unit = UnitFile.parse(read(UNIT));
        String config = unit.get("Service", "ExecStart").replaceAll(".* --config (\\S+).*", "$1");
        assertTrue(steps.contains("fedmq-node.conf " + config), "FIRST-BOOT.md must install the config at " + config);
        assertTrue(steps.contains("/etc/systemd/system/fedmq-node.service"));
        assertTrue(steps.contains("/opt/fedmq/"), "the bundle goes where ExecStart looks");
        assertTrue(steps.contains("libgomp1") && steps.contains("openjdk-17-jre-headless"));
        assertTrue(steps.contains(FRAGMENT.getFileName().toString()) && steps.contains("/boot/firmware/config.txt"));
    }

    private static void check(String doc, String text, List<String> found, List<String> missing) {
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            String ref = m.group(1);
            found.add(ref);
            if (Files.exists(ROOT.resolve(ref)) || Files.exists(HERE.resolve(ref))) continue;
            if (Files.exists(HERE.resolve(Path.of(ref).getFileName()))) continue; // e.g. /opt/fedmq/firmware-config/x, once copied
            missing.add(doc + ": " + ref);
        }
    }

    private static List<String> words(String s) { return s == null ? List.of() : List.of(s.split("\\s+")); }

    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** systemd directives this unit may use; an unknown one is most likely a typo systemd would only warn about. */
    private static final Set<String> KNOWN_KEYS = Set.of(
            "Description", "Documentation", "Wants", "Requires", "After", "Before", "StartLimitIntervalSec", "StartLimitBurst",
            "ConditionPathExists",
            "Type", "User", "Group", "SupplementaryGroups", "ExecStart", "ExecStartPre", "ExecStop", "WorkingDirectory",
            "Environment", "EnvironmentFile", "Restart", "RestartSec", "RestartSteps", "RestartMaxDelaySec",
            "RestartPreventExitStatus", "SuccessExitStatus", "TimeoutStartSec", "TimeoutStopSec", "KillMode", "KillSignal",
            "MemoryHigh", "MemoryMax", "MemorySwapMax", "CPUQuota", "CPUWeight", "Nice", "IOSchedulingClass", "IOSchedulingPriority",
            "StateDirectory", "StateDirectoryMode", "ConfigurationDirectory", "ReadWritePaths", "ReadOnlyPaths", "UMask",
            "NoNewPrivileges", "ProtectSystem", "ProtectHome", "PrivateTmp", "PrivateDevices", "DevicePolicy", "DeviceAllow",
            "ProtectKernelTunables", "ProtectKernelModules", "ProtectKernelLogs", "ProtectControlGroups", "ProtectClock",
            "ProtectHostname", "ProtectProc", "RestrictNamespaces", "RestrictRealtime", "RestrictSUIDSGID", "LockPersonality",
            "RestrictAddressFamilies", "CapabilityBoundingSet", "AmbientCapabilities", "SystemCallArchitectures", "SystemCallFilter",
            "WantedBy");
}
