package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pi's node bundle as {@code mvn package} built it: only arm64 natives, none of the broker's libraries, the
 * launcher and the firmware files inside, and a node that starts from the unpacked folder.
 */
class NodeBundleIT {
    private static final Path BUNDLE = Path.of("target", "fedmq-node-linux-arm64.tar.gz");
    @TempDir static Path dir;
    private static Path root;
    private static List<String> libs;

    @BeforeAll
    static void unpack() throws Exception {
        assertTrue(Files.isRegularFile(BUNDLE), BUNDLE + " was not built");
        run(List.of("tar", "-xzf", BUNDLE.toAbsolutePath().toString(), "-C", dir.toString()), dir);
        root = dir.resolve("fedmq-node");
        try (Stream<Path> s = Files.list(root.resolve("lib"))) {
            libs = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void holdsOnlyTheArm64NativesAndNothingOfTheBroker() {
        assertTrue(libs.stream().noneMatch(l -> l.contains("x86_64")), "x86_64 natives in the bundle: " + libs);
        for (String needed : List.of("nd4j-native-1.0.0-M2.1-linux-arm64.jar", "openblas-0.3.19-1.5.7-linux-arm64.jar",
                "javacpp-1.5.7-linux-arm64.jar")) {
            assertTrue(libs.contains(needed), needed + " missing: " + libs);
        }
        assertTrue(libs.stream().noneMatch(l -> l.startsWith("hivemq") || l.startsWith("rocksdbjni")), libs.toString());
        assertTrue(libs.stream().anyMatch(l -> l.startsWith("pi4j-plugin-gpiod")), "the Pi's GPIO plugin: " + libs);
    }

    @Test
    void carriesTheLauncherTheFirmwareFilesAndItsSystemNeeds() throws IOException {
        assertTrue(Files.isExecutable(root.resolve("fedmq")));
        for (String f : List.of("fedmq-node.conf", "fedmq-node.service", "config.txt.fragment", "FIRST-BOOT.md")) {
            assertTrue(Files.isRegularFile(root.resolve("firmware-config").resolve(f)), f);
        }
        String needs = Files.readString(root.resolve("SYSTEM-NEEDS.txt"));
        assertTrue(needs.contains("openjdk-17-jre-headless") && needs.contains("libgomp1"), needs);
    }

    @Test
    void theUnpackedNodeStartsFromItsOwnFolder() throws Exception {
        // The launcher runs the installed jar as it is (never a build); --help loads no native library, so an x86
        // machine can check the bundle's class path even though its natives are for arm64.
        Path out = run(List.of(root.resolve("fedmq").toString(), "node", "--help"), root);
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(text.contains("--orchestrator-key") && text.contains("--config"), text);
        assertTrue(Files.notExists(root.resolve("app")), "the launcher must not build inside a bundle");
    }

    private static Path run(List<String> cmd, Path cwd) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), cmd + " did not finish");
        assertEquals(0, p.exitValue(), cmd + ":\n" + Files.readString(out));
        return out;
    }
}
