package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fedmq.broker.auth.Role;
import io.fedmq.mqtt.MqttSettings.Credentials;
import io.fedmq.node.Learner;
import io.fedmq.node.NodeAgent;
import io.fedmq.node.NodeObserver;
import io.fedmq.orchestrator.ModelRecord;
import io.fedmq.orchestrator.ModelStore;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.RoundOutcome;
import io.fedmq.protocol.RoundState;
import io.fedmq.protocol.RoundState.Phase;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.TrainingPlan;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.WireCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator as its own process, killed with SIGKILL in the middle of each phase of a secure round and
 * started again, while four nodes keep running over a real broker (each on a slow link, so every phase stays
 * open for a while). Then a node is killed and restarted. The trail must stay coherent: every model the fleet
 * was told to run is still there and accepted, no round number is aggregated twice, the interrupted rounds left
 * nothing accepted, training goes on to the configured total, and every node ends on the final accepted model.
 * The broker is secured: the orchestrator and the operator's rollback are processes that authenticate with the
 * credentials files `fedmq enroll` writes, as on a real fleet.
 */
class OrchestratorSigkillTest {
    private static final String FLEET = "sigkill";
    private static final int NODES = 4;
    private static final int ROUNDS = 7;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final WireCodec codec = new WireCodec();
    private final Topics topics = new Topics(FLEET);
    private final List<NodeAgent> agents = new ArrayList<>();
    private final Map<String, Long> nodeAccepted = new ConcurrentHashMap<>();
    private final List<RoundState> states = new CopyOnWriteArrayList<>();
    private final List<RoundOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final List<AcceptedModel> pointers = new CopyOnWriteArrayList<>();
    private SecuredBroker broker;
    private Process orchestrator;
    @TempDir Path dir;

    /** Deltas of 0.01 per round; the held-out accuracy rises with the parameters' mean, as training would. */
    private static final class RisingLearner implements Learner {
        @Override
        public TrainOutcome train(GlobalModel model, TrainingPlan plan) {
            float[] d = new float[model.parameters().size()];
            java.util.Arrays.fill(d, 0.01f);
            return new TrainOutcome(d, 100, 0.5);
        }

        @Override
        public EvalOutcome evaluate(GlobalModel model) {
            double mean = 0;
            for (int i = 0; i < model.parameters().size(); i++) mean += model.parameters().get(i);
            mean /= model.parameters().size();
            return new EvalOutcome(50, 1.0, Math.max(0, Math.min(0.99, 0.3 + 2 * mean)));
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (orchestrator != null && orchestrator.isAlive()) OrchestratorProcess.kill9(orchestrator);
        agents.forEach(NodeAgent::close);
        if (broker != null) broker.close();
    }

    private NodeAgent node(String id) throws Exception {
        Transport link = new SlowLink(Connections.node(broker.serverUri(), FLEET, id, codec, pinnedKey(), broker.member(id, Role.NODE, FLEET)),
                Duration.ofMillis(1500));
        NodeAgent a = new NodeAgent(id, FLEET, link, new RisingLearner(), codec, new NodeObserver() {
            @Override
            public void onAccepted(AcceptedModel m) { nodeAccepted.put(id, m.version()); }
        });
        a.start();
        return a;
    }

    /** The orchestrator process creates its key on first start; the nodes pin its public half, as on a real fleet. */
    private java.security.PublicKey pinnedKey() throws Exception {
        return io.fedmq.protocol.security.SigningKeys.loadOrCreate(dir.resolve("orchestrator.key")).getPublic();
    }

    private Process startOrchestrator(Path log) throws Exception {
        return OrchestratorProcess.start(log, "orchestrator", "--broker", broker.serverUri(), "--fleet", FLEET,
                "--credentials-file", credentialsFile("orchestrator", Role.ORCHESTRATOR).toString(),
                "--signing-key", dir.resolve("orchestrator.key").toString(),
                "--model-dir", dir.resolve("models").toString(), "--min-nodes", Integer.toString(NODES),
                "--rounds", Integer.toString(ROUNDS), "--node-wait", "PT60S", "--train-deadline", "PT30S", "--eval-deadline", "PT30S",
                "--stage-deadline", "PT30S", "--epochs", "1");
    }

    private <T> T await(List<T> seen, Predicate<T> what, String description, Path log) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            for (T t : seen) if (what.test(t)) return t;
            if (orchestrator != null && !orchestrator.isAlive() && orchestrator.exitValue() != 0) {
                fail("the orchestrator exited with " + orchestrator.exitValue() + " while waiting for " + description + ":\n"
                        + OrchestratorProcess.tail(log, 40));
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling a condition, bounded by WAIT
        }
        fail("no " + description + " within " + WAIT + ":\n" + OrchestratorProcess.tail(log, 40));
        return null;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killedWithSigkillInEveryPhaseItResumesWithoutLosingAnAcceptedModel() throws Exception {
        broker = SecuredBroker.start(dir.resolve("secured"));
        Transport watcher = Connections.verifying(Connections.monitor(broker.serverUri(), broker.member("watcher", Role.MONITOR, FLEET)),
                pinnedKey(), "watcher");
        watcher.subscribe(topics.round(), (t, p, r) -> { if (p.length > 0) states.add(codec.decode(p, RoundState.class)); });
        watcher.subscribe(topics.outcome(), (t, p, r) -> { if (p.length > 0 && !r) outcomes.add(codec.decode(p, RoundOutcome.class)); });
        watcher.subscribe(topics.acceptedModel(), (t, p, r) -> { if (p.length > 0) pointers.add(codec.decode(p, AcceptedModel.class)); });
        for (int i = 1; i <= NODES; i++) agents.add(node("n" + i));

        Path log = dir.resolve("orchestrator.log");
        orchestrator = startOrchestrator(log);
        long lastRound = await(outcomes, RoundOutcome::accepted, "accepted first round", log).round();

        List<Long> interrupted = new ArrayList<>();
        for (Phase phase : List.of(Phase.TRAINING, Phase.SHARING, Phase.MASKING, Phase.UNMASKING, Phase.EVALUATING)) {
            long after = lastRound;
            RoundState s = await(states, st -> st.round() > after && st.phase() == phase, phase + " of a round after " + after, log);
            OrchestratorProcess.kill9(orchestrator);
            interrupted.add(s.round());
            ModelStore store = new ModelStore(dir.resolve("models"), codec);
            long pointer = store.acceptedVersion().orElseThrow();
            assertEquals(maxPointer(), pointer, "killed in " + phase + ": the trail names the last model the fleet was told to run");
            store.load(pointer); // intact: loads and matches its hash

            orchestrator = startOrchestrator(log);
            lastRound = await(outcomes, o -> o.accepted() && o.round() > s.round(), "accepted round after the kill in " + phase, log).round();
        }

        // A node dies without a goodbye and comes back; the next round needs all four, so it must rejoin.
        NodeAgent n4 = agents.remove(NODES - 1);
        n4.close();
        agents.add(node("n4"));
        assertTrue(orchestrator.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the orchestrator finishes its rounds");
        assertEquals(0, orchestrator.exitValue(), OrchestratorProcess.tail(log, 40));

        RoundOutcome last = outcomes.get(outcomes.size() - 1);
        assertTrue(last.accepted(), last.reason());
        assertEquals(NODES, last.contributors(), "the restarted node took part in the last round");
        checkTrail(interrupted);
        long finalVersion = maxPointer();
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end && !nodeAccepted.values().stream().allMatch(v -> v == finalVersion)) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertEquals(Map.of("n1", finalVersion, "n2", finalVersion, "n3", finalVersion, "n4", finalVersion), nodeAccepted,
                "every node runs the final accepted model");

        // The operator rolls the fleet back two accepted versions; every node switches.
        List<Long> told = pointers.stream().map(AcceptedModel::version).distinct().sorted().toList();
        long target = told.get(told.size() - 3);
        Path rollbackLog = dir.resolve("rollback.txt");
        Process p = OrchestratorProcess.start(rollbackLog, "models", "rollback", "v" + target, "--model-dir", dir.resolve("models").toString(),
                "--signing-key", dir.resolve("orchestrator.key").toString(),
                "--credentials-file", credentialsFile("ops", Role.OPERATOR).toString(),
                "--broker", broker.serverUri(), "--fleet", FLEET);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), OrchestratorProcess.tail(rollbackLog, 20));
        end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end && !nodeAccepted.values().stream().allMatch(v -> v == target)) TimeUnit.MILLISECONDS.sleep(50);
        assertEquals(Map.of("n1", target, "n2", target, "n3", target, "n4", target), nodeAccepted, "every node switched to v" + target);
        assertEquals(target, new ModelStore(dir.resolve("models"), codec).acceptedVersion().orElseThrow());
        watcher.close();
    }

    /** Enrolled once, with a password of its own, in the file the process reads, as `fedmq enroll` leaves it. */
    private Path credentialsFile(String name, Role role) throws Exception {
        Path file = dir.resolve("identities").resolve(name).resolve("credentials");
        if (!Files.exists(file)) {
            Credentials c = broker.enroll(name, role, FLEET);
            CredentialsFile.write(file, c.username(), c.password());
        }
        return file;
    }

    private long maxPointer() { return pointers.stream().mapToLong(AcceptedModel::version).max().orElse(0); }

    private void checkTrail(List<Long> interrupted) throws Exception {
        ModelStore store = new ModelStore(dir.resolve("models"), codec);
        List<ModelRecord> records = store.list();
        String trail = records.toString() + "\n" + store.history();
        assertEquals(maxPointer(), store.acceptedVersion().orElseThrow(), trail);

        Set<Long> rounds = new HashSet<>();
        for (ModelRecord r : records) {
            if (r.round() > 0) assertTrue(rounds.add(r.round()), "round " + r.round() + " produced two models: " + trail);
            assertFalse(r.status() == ModelRecord.Status.CANDIDATE, "no candidate is left without a verdict: " + trail);
        }
        for (AcceptedModel told : pointers) {
            ModelRecord r = store.record(told.version()).orElseThrow();
            assertTrue(r.status() == ModelRecord.Status.ACCEPTED || r.status() == ModelRecord.Status.INITIAL,
                    "v" + told.version() + " was published as accepted and must stay so: " + trail);
            store.load(told.version());
        }
        for (long round : interrupted) {
            assertTrue(records.stream().noneMatch(r -> r.round() == round && r.status() == ModelRecord.Status.ACCEPTED),
                    "interrupted round " + round + " accepted nothing: " + trail);
            assertTrue(store.history().stream().anyMatch(l -> l.contains("round " + round + " was interrupted")), trail);
        }
        assertEquals(ROUNDS, records.stream().filter(r -> r.status() == ModelRecord.Status.ACCEPTED).count(),
                "every finished round was accepted, the interrupted ones were not counted: " + trail);

        // Accepted accuracy never fell by more than the gate's tolerance (0.05 by default).
        double best = 0;
        for (ModelRecord r : records) {
            if (r.status() != ModelRecord.Status.ACCEPTED) continue;
            assertTrue(r.accuracy() >= best - 0.05, "accuracy fell past the tolerance at v" + r.version() + ": " + trail);
            best = Math.max(best, r.accuracy());
        }

        // The operator's view: `fedmq models list` marks the final version as the accepted one.
        Path listing = dir.resolve("models-list.txt");
        Process p = OrchestratorProcess.start(listing, "models", "list", "--model-dir", dir.resolve("models").toString());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), OrchestratorProcess.tail(listing, 20));
        String out = Files.readString(listing);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("*") && l.trim().substring(1).trim().startsWith(Long.toString(maxPointer()))), out);
        assertTrue(out.contains("ABANDONED"), "the candidate killed in evaluation is marked: " + out);
    }
}
