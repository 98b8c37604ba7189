package io.fedmq.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code fedmq} run as a separate JVM with this test's class path, its output in a log file: lets a test kill
 * it with SIGKILL and start it again, as an operator's supervisor would.
 */
final class OrchestratorProcess {
    private OrchestratorProcess() {}

    static Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        for (String p : new String[] {"org.bytedeco.javacpp.cachedir", "jna.tmpdir", "org.deeplearning4j.crash.reporting.enabled"}) {
            String v = System.getProperty(p);
            if (v != null) cmd.add("-D" + p + "=" + v);
        }
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to the broker. */
    static void kill9(Process p) throws InterruptedException {
        p.destroyForcibly(); // SIGKILL on Linux
        if (!p.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("process " + p.pid() + " survived SIGKILL");
    }

    /** The last lines of a log, for assertion messages. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
