package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.learning.Shard;
import io.fedmq.node.Learner;
import io.fedmq.node.NodeAgent;
import io.fedmq.node.NodeObserver;
import io.fedmq.node.ShardLearner;
import io.fedmq.orchestrator.AcceptanceGate;
import io.fedmq.orchestrator.ModelStore;
import io.fedmq.orchestrator.Orchestrator;
import io.fedmq.orchestrator.OrchestratorConfig;
import io.fedmq.orchestrator.RoundListener;
import io.fedmq.orchestrator.RoundReport;
import io.fedmq.orchestrator.SecureAggregationConfig;
import io.fedmq.learning.TaskModel;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.TrainingPlan;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.aggregation.FedAvg;
import io.fedmq.protocol.testing.InMemoryBus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./fedmq node --task occupancy --data FILE.csv}: a node trains on a real sensor log in a secure round. The
 * log is {@code occupancy/home-7.csv}, made with {@code ./fedmq simulate --homes 1 --first 7 --days 6 --every 3}:
 * six days of a commuter's living room, a reading every three minutes, in the UCI layout.
 */
class OccupancyNodeTest {
    private static final Path LOG = Path.of("src", "test", "resources", "occupancy", "home-7.csv");
    private static final String FLEET = "homes";
    @TempDir Path dir;

    /** A node command as the command line builds it, without running it. */
    private static NodeCommand node(String... args) {
        NodeCommand command = new NodeCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static TaskData data(NodeCommand c, int index, int nodes) throws Exception {
        return TaskData.forNode(c.task, c.dataOptions, index, nodes, c.alpha);
    }

    @Test
    void aNodeTrainsFromItsSensorLogInASecureRound() throws Exception {
        InMemoryBus bus = new InMemoryBus();
        WireCodec codec = new WireCodec();
        TaskData fromLog = data(node("--id", "home-7", "--task", "occupancy", "--data", LOG.toString()), 0, 1);
        Shard<?> logShard = fromLog.shards().get(0);
        assertEquals(2880, logShard.train().size() + logShard.test().size(), "every line of the log is a reading");
        assertEquals(480, logShard.test().size(), "the fifth day, a Sunday, is held out");
        assertTrue(fromLog.summary().contains(LOG.toString()), fromLog.summary());

        AtomicLong trainedOnLog = new AtomicLong();
        List<NodeAgent> agents = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                TaskData d = i == 0 ? fromLog : data(node("--id", "home-" + i, "--task", "occupancy", "--shard", i + "/6", "--days", "5"), i - 1, 6);
                NodeObserver observer = i > 0 ? NodeObserver.NONE : new NodeObserver() {
                    @Override public void onTrained(long round, Learner.TrainOutcome t) { trainedOnLog.set(t.numExamples()); }
                };
                NodeAgent a = new NodeAgent("home-" + i, FLEET, bus.connect("home-" + i), new ShardLearner(d.spec().task(), d.shards().get(0), i),
                        codec, observer);
                a.start();
                agents.add(a);
            }
            ModelSpec spec = fromLog.spec();
            GlobalModel initial = new GlobalModel(1, 0, 0, spec, Tensor.vector(TaskModel.create(spec, 7).parameters()));
            OrchestratorConfig config = OrchestratorConfig.builder(FLEET, dir).rounds(1).minNodes(3).nodeWait(Duration.ofSeconds(30))
                    .plan(new TrainingPlan(2, 64, 0.01)).deadlines(Duration.ofMinutes(2)).gate(new AcceptanceGate(0, 1, 1))
                    .secAgg(SecureAggregationConfig.DEFAULT.withStageDeadlines(Duration.ofMinutes(1))).build();
            RoundReport r;
            try (Orchestrator o = new Orchestrator(config, bus.connect("orchestrator"), new ModelStore(dir, codec), new FedAvg(),
                    RoundListener.NONE, codec)) {
                o.start(initial);
                r = o.run().get(0);
            }
            assertTrue(r.accepted(), r.reason());
            assertEquals(3, r.answered());
            assertEquals(logShard.train().size(), trainedOnLog.get(), "the log's node trained on the log's training days");
            assertTrue(r.testAccuracy() > 0.85, "one round over three homes already beats the majority class (~0.65): " + r.testAccuracy());
        } finally {
            agents.forEach(NodeAgent::close);
        }
    }

    /**
     * The UCI data set's own files (datatraining.txt and its siblings) were written by R: a quoted header one name
     * short, every data line starting with a quoted row number, quoted dates. The same log in that form gives the
     * node the same data.
     */
    @Test
    void aLogInTheUciFilesOwnFormReadsTheSame() throws Exception {
        List<String> lines = Files.readAllLines(LOG);
        List<String> uci = new ArrayList<>();
        uci.add("\"" + String.join("\",\"", lines.get(0).split(",")) + "\"");
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", 2);
            uci.add("\"" + i + "\",\"" + f[0] + "\"," + f[1]);
        }
        Path r = Files.write(dir.resolve("datatraining.txt"), uci);
        Shard<?> fromR = data(node("--id", "h", "--task", "occupancy", "--data", r.toString()), 0, 1).shards().get(0);
        Shard<?> plain = data(node("--id", "h", "--task", "occupancy", "--data", LOG.toString()), 0, 1).shards().get(0);
        assertEquals(plain, fromR);
    }

    @Test
    void aBrokenLogStopsTheNodeWithAMessageNamingFileLineAndColumn() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(LOG));
        String[] fields = lines.get(3).split(",");
        fields[4] = "n/a"; // date, Temperature, Humidity, Light, CO2, ...
        lines.set(3, String.join(",", fields));
        Path broken = Files.write(dir.resolve("broken.csv"), lines);
        String err = run("node", "--id", "home-7", "--task", "occupancy", "--data", broken.toString(), "--broker", "tcp://127.0.0.1:1");
        assertTrue(err.contains("fedmq: " + broken + " line 4, column 'CO2': 'n/a' is not a number"), err);

        Path renamed = Files.writeString(dir.resolve("renamed.csv"), Files.readString(LOG).replaceFirst("CO2", "co2_ppm"));
        assertTrue(run("node", "--id", "h", "--task", "occupancy", "--data", renamed.toString()).contains("no column 'CO2'"));
        String mapped = node("--id", "h", "--task", "occupancy", "--data", renamed.toString(),
                "--feature-columns", "Temperature,Humidity,Light,co2_ppm,HumidityRatio").dataOptions.layout("mlp").featureColumns().get(3);
        assertEquals("co2_ppm", mapped);
        assertEquals(2880, data(node("--id", "h", "--task", "occupancy", "--data", renamed.toString(),
                "--feature-columns", "Temperature,Humidity,Light,co2_ppm,HumidityRatio"), 0, 1).shards().get(0).all().size());

        assertTrue(run("node", "--id", "h", "--task", "occupancy", "--data", LOG.toString(), "--shard", "2/4")
                .contains("a sensor log is one home's data"));
        assertTrue(run("node", "--id", "h", "--task", "occupancy", "--data", LOG.toString(), "--date-column", "")
                .contains("--arch mlp reads the hour of day"));
    }

    /** Runs the command line; returns what it printed on stderr. */
    private static String run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream before = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, Main.run(args));
        } finally {
            System.setErr(before);
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
