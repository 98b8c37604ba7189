package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.orchestrator.AcceptanceGate;
import io.fedmq.orchestrator.OrchestratorConfig;
import io.fedmq.orchestrator.Sampling;
import io.fedmq.protocol.TrainingPlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./fedmq orchestrator}: its options, and the config file that can hold them. */
class OrchestratorCommandTest {
    /** Surefire runs in the module's folder; the example ships beside the orchestrator module. */
    private static final Path EXAMPLE = Path.of("..", "orchestrator", "orchestrator.example.properties");

    @TempDir Path dir;

    private static OrchestratorCommand parse(String... args) {
        OrchestratorCommand command = new OrchestratorCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private Path file(String... lines) throws Exception {
        return Files.writeString(dir.resolve("orchestrator.properties"), String.join("\n", lines) + "\n");
    }

    /** Reading {@code lines} as a config file fails; returns the message. */
    private String problem(String... lines) throws Exception {
        Path f = file(lines);
        return assertThrows(ConfigFile.Invalid.class, () -> parse("--config", f.toString())).getMessage();
    }

    private static void says(String message, String... fragments) {
        for (String f : fragments) assertTrue(message.contains(f), "'" + message + "' does not say '" + f + "'");
    }

    @Test
    void theShippedExampleBuildsAValidConfig() {
        assertTrue(Files.isRegularFile(EXAMPLE), "no example at " + EXAMPLE.toAbsolutePath());
        OrchestratorConfig c = parse("--config", EXAMPLE.toString()).config();
        assertEquals("home", c.fleet());
        assertEquals(20, c.rounds());
        assertEquals(3, c.minNodes());
        assertEquals(new Sampling(0.5, 10, 0), c.sampling());
        assertEquals(Duration.ofMinutes(30), c.nodeWait());
        assertEquals(new TrainingPlan(2, 64, 0.01), c.plan());
        assertEquals(Duration.ofMinutes(15), c.trainDeadline());
        assertEquals(Duration.ofMinutes(5), c.evalDeadline());
        assertEquals(new AcceptanceGate(0.2, 0.05, 3), c.gate());
        assertEquals(Path.of("fedmq-data/models"), c.modelDir());
        assertEquals(Duration.ofMinutes(2), c.secAgg().keysDeadline(), "secure aggregation stays on, with the file's stage deadline");
        assertEquals(0.1, c.secAgg().dropoutRate());
    }

    @Test
    void theExampleDocumentsEveryOptionWithItsDefault() throws Exception {
        // Paragraphs of the example: each option's line sits in one with its explanation.
        List<String> paragraphs = Arrays.asList(Files.readString(EXAMPLE).split("\n\\s*\n"));
        CommandLine cli = new CommandLine(new OrchestratorCommand());
        for (String key : ConfigFile.settableOptions(cli.getCommandSpec()).keySet()) {
            Pattern line = Pattern.compile("(?m)^#?" + Pattern.quote(key) + "=");
            String paragraph = paragraphs.stream().filter(p -> line.matcher(p).find()).findFirst()
                    .orElseThrow(() -> new AssertionError("the example does not mention " + key));
            assertTrue(paragraph.contains("Default:"), "the example gives no default for " + key + ":\n" + paragraph);
        }
    }

    @Test
    void commandLineOptionsOverrideTheFileWhereverConfigComes() throws Exception {
        Path f = file("rounds=20", "train-deadline=PT15M");
        assertEquals(3, parse("--rounds", "3", "--config", f.toString()).rounds);
        OrchestratorCommand after = parse("--config", f.toString(), "--rounds", "4");
        assertEquals(4, after.rounds);
        assertEquals(Duration.ofMinutes(15), after.trainDeadline, "the file still counts for what the command line leaves out");
        assertEquals(Duration.ofMinutes(5), after.evalDeadline, "what neither sets keeps its default");
        assertEquals(10, parse().rounds);
    }

    @Test
    void theSamplingAndGateOptionsReachTheConfig() {
        OrchestratorConfig c = parse("--sample-fraction", "0.3", "--max-nodes", "6", "--sample-seed", "9", "--min-reports", "2").config();
        assertEquals(new Sampling(0.3, 6, 9), c.sampling());
        assertEquals(2, c.gate().minReports());
        OrchestratorCommand defaults = parse();
        assertNull(defaults.maxNodes);
        assertEquals(Sampling.ALL, defaults.config().sampling());
    }

    @Test
    void anUnknownKeySuggestsTheClosestValidOne() throws Exception {
        says(problem("min-node=3"), "unknown key 'min-node'; did you mean 'min-nodes'?");
        says(problem("minNodes=3"), "did you mean 'min-nodes'?");
        says(problem("--rounds=3"), "did you mean 'rounds'?");
        says(problem("trainingdeadline=PT15M"), "did you mean 'train-deadline'?");
        says(problem("colour=blue"), "unknown key 'colour'; valid keys: arch, batch, beta1, beta2, broker,");
    }

    @Test
    void aBadValueNamesTheKeyTheValueAndTheExpectedForm() throws Exception {
        says(problem("rounds=ten"), "rounds: 'ten' is not a whole number; the default is 10");
        says(problem("train-deadline=15m"), "train-deadline: '15m' is not an ISO-8601 duration such as PT15M");
        says(problem("sample-fraction=half"), "sample-fraction: 'half' is not a number");
        says(problem("insecure-plain-updates=yes"), "insecure-plain-updates: 'yes' is not true or false");
        says(problem("max-nodes="), "max-nodes has no value; expected a whole number");
        says(problem("sample-seed=1.5"), "sample-seed: '1.5' is not a whole number");
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnce() throws Exception {
        String m = problem("rounds=ten", "min-node=3", "lr=0.01");
        says(m, "orchestrator.properties:", "rounds: 'ten'", "'min-node'");
        assertEquals(3, m.lines().count(), m); // the file, then one line per problem
    }

    @Test
    void aKeySetTwiceIsRefusedRatherThanSilentlyTakingTheLast() throws Exception {
        says(problem("rounds=20", "rounds=30"), "key 'rounds' is set twice");
    }

    @Test
    void aFileCannotNameAnotherFile() throws Exception {
        says(problem("config=other.properties"), "'config' cannot be set in a config file");
    }

    @Test
    void aMissingFileIsAnError() {
        String missing = dir.resolve("nope.properties").toString();
        says(assertThrows(ConfigFile.Invalid.class, () -> parse("--config", missing)).getMessage(), "config file", "nope.properties not found");
    }

    @Test
    void valuesMayCarryTrailingBlanksAndComments() throws Exception {
        Path f = file("# a comment", "rounds = 7   ", "! another", "train-deadline=PT20M\t");
        OrchestratorCommand c = parse("--config", f.toString());
        assertEquals(7, c.rounds);
        assertEquals(Duration.ofMinutes(20), c.trainDeadline);
    }

    @Test
    void rangesAreCheckedByTheSettingsForFileAndCommandLineAlike() throws Exception {
        Path f = file("sample-fraction=1.5");
        says(assertThrows(IllegalArgumentException.class, () -> parse("--config", f.toString()).config()).getMessage(),
                "fraction must be in (0, 1], got 1.5");
        says(assertThrows(IllegalArgumentException.class, () -> parse("--min-reports", "4", "--max-nodes", "3").config()).getMessage(),
                "minReports (4) must be <= maxNodes (3)");
    }

    @Test
    void theLauncherReportsAConfigProblemInOneLineWithoutTheUsage() throws Exception {
        Path f = file("rounds=ten");
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run("orchestrator", "--config", f.toString());
        } finally {
            System.setErr(original);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(CommandLine.ExitCode.USAGE, code, printed);
        assertTrue(printed.startsWith("fedmq: "), printed);
        says(printed, "rounds: 'ten' is not a whole number");
        assertFalse(printed.contains("Usage:"), printed);
    }
}
