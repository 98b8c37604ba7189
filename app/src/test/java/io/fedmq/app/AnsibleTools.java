package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Ansible's tools run on {@code ansible/} as subprocesses, for the tests of the playbook and its roles. A tool that is
 * missing skips the test with the command that installs it, except under CI=true, where it fails: {@code .ci/run}
 * installs them.
 */
final class AnsibleTools {
    /** The checkout's root: Maven runs the app module's tests in {@code app/}. */
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path ANSIBLE = REPO.resolve("ansible");

    private AnsibleTools() {}

    static boolean underCi() { return "true".equals(System.getenv("CI")); }

    /** Skips (or, under CI, fails) unless {@code tool} is on the PATH or in /usr/sbin. */
    static void require(String tool, String debianPackage) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return;
        }
        if (underCi()) throw new IllegalStateException(tool + " is not installed; .ci/run should have installed " + debianPackage);
        Assumptions.abort(tool + " is not installed (apt-get install " + debianPackage + "): skipping");
    }

    /** What a command printed (stdout and stderr together) and how it ended. */
    record Result(List<String> command, int exitCode, String output) {
        /** Fails with the command's whole output unless it exited 0. */
        Result assertSucceeded() {
            assertTrue(exitCode == 0, String.join(" ", command) + " exited " + exitCode + ":\n" + output);
            return this;
        }

        /** The PLAY RECAP counts of one host: ok, changed, unreachable, failed, skipped. */
        Map<String, Integer> recap(String host) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(host)
                    + "\\s+: ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)\\s+skipped=(\\d+)").matcher(output);
            Map<String, Integer> last = null;
            while (m.find()) {
                last = Map.of("ok", Integer.parseInt(m.group(1)), "changed", Integer.parseInt(m.group(2)),
                        "unreachable", Integer.parseInt(m.group(3)), "failed", Integer.parseInt(m.group(4)),
                        "skipped", Integer.parseInt(m.group(5)));
            }
            assertTrue(last != null, "no PLAY RECAP line for " + host + ":\n" + output);
            return last;
        }

        /** The tasks and handlers ("role : name") that reported a change, in the order they ran. */
        Set<String> changedTasks() {
            Set<String> changed = new LinkedHashSet<>();
            String current = null;
            Pattern header = Pattern.compile("^(?:TASK|RUNNING HANDLER) \\[(.*)\\] \\**$");
            for (String line : output.split("\n")) {
                Matcher h = header.matcher(line);
                if (h.matches()) current = h.group(1);
                else if (line.startsWith("changed: [") && current != null) changed.add(current);
            }
            return changed;
        }

        /** The handlers that ran ("role : name"), whether or not their condition let them act. */
        List<String> handlersRun() {
            List<String> handlers = new ArrayList<>();
            Matcher m = Pattern.compile("(?m)^RUNNING HANDLER \\[(.*)\\] \\**$").matcher(output);
            while (m.find()) handlers.add(m.group(1));
            return handlers;
        }
    }

    /** Runs a command in {@code ansible/} with Ansible's colours off and this folder's ansible.cfg. */
    static Result run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ansible", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(ANSIBLE.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            Map<String, String> env = pb.environment();
            env.put("ANSIBLE_CONFIG", ANSIBLE.resolve("ansible.cfg").toString());
            env.put("ANSIBLE_NOCOLOR", "1");
            env.put("ANSIBLE_FORCE_COLOR", "0");
            env.put("NO_COLOR", "1");
            env.put("PY_COLORS", "0");
            env.put("PATH", env.getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin");
            Process p = pb.start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + new String(Files.readAllBytes(out), StandardCharsets.UTF_8));
            }
            return new Result(command, p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
