package io.fedmq.app;

import io.fedmq.broker.BrokerConfig;
import io.fedmq.broker.EmbeddedBroker;
import io.fedmq.broker.auth.Role;
import io.fedmq.broker.auth.StoreAuthenticator;
import io.fedmq.learning.Evaluation;
import io.fedmq.learning.Labelled;
import io.fedmq.learning.Shard;
import io.fedmq.learning.SurnameCorpus;
import io.fedmq.learning.TaskModel;
import io.fedmq.mqtt.MqttSettings.Credentials;
import io.fedmq.node.NodeAgent;
import io.fedmq.node.NodeObserver;
import io.fedmq.node.ShardLearner;
import io.fedmq.orchestrator.AcceptanceGate;
import io.fedmq.orchestrator.ModelStore;
import io.fedmq.orchestrator.Orchestrator;
import io.fedmq.orchestrator.OrchestratorConfig;
import io.fedmq.orchestrator.RoundReport;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.TrainingPlan;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.security.SigningKeys;
import java.io.PrintStream;
import java.security.KeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a whole federation on this machine: an embedded broker, an orchestrator and N nodes over real MQTT on loopback.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = Defaults.NODES, description = "edge nodes (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--rounds", defaultValue = Defaults.ROUNDS, description = "federated rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Mixin PlanOptions training = new PlanOptions();
    @Mixin StrategyOptions aggregation = new StrategyOptions();

    @Option(names = "--alpha", defaultValue = "0.5", description = "non-IID skew: Dirichlet alpha over languages per node; smaller is more skewed (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--work-dir", description = "where the broker data, its credentials store and the model trail go (default: fedmq-data/demo-<time>)")
    Path workDir;

    @Option(names = "--no-baseline", description = "skip the centralized baseline")
    boolean noBaseline;

    @Option(names = "--no-tls", description = "plain TCP instead of TLS with client certificates (passwords and updates in clear on loopback)")
    boolean noTls;

    @Option(names = "--verbose", description = "show the components' INFO logs")
    boolean verbose;

    @Mixin TaskOptions task = new TaskOptions();
    @Mixin DataOptions dataOptions = new DataOptions();
    @Mixin SecAggOptions secAgg = new SecAggOptions();

    private static final String ORCHESTRATOR = "orchestrator";

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        nodes = task.demoDefault("--nodes", nodes);
        rounds = task.demoDefault("--rounds", rounds);
        if (nodes < 1 || rounds < 1) throw new IllegalArgumentException("--nodes and --rounds must be >= 1");
        if (!verbose) Logging.quiet();
        Path work = workDir != null ? workDir
                : Path.of("fedmq-data", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(work);
        KeyPair keys = SigningKeys.loadOrCreate(work.resolve("orchestrator.key")); // nodes pin its public half

        TaskData data = TaskData.forDemo(task, dataOptions, nodes, alpha);
        ModelSpec spec = data.spec();
        List<Shard<?>> shards = data.shards();
        TrainingPlan plan = aggregation.plan(training.plan());
        List<Labelled> allTest = new ArrayList<>();
        shards.forEach(s -> allTest.addAll(s.test()));
        double majority = SurnameCorpus.majorityClassAccuracy(allTest);
        data.describe(out);
        out.printf(Locale.ROOT, "Model: %s, %s; %d rounds x %d local epochs, batch %d, lr %s; majority-class accuracy %.3f%n",
                spec.task(), spec.architecture(), rounds, plan.localEpochs(), plan.batchSize(), plan.learningRate(), majority);
        out.println(secAgg.plain ? "Updates: PLAIN (--insecure-plain-updates): the orchestrator and the broker can read each node's update"
                : "Updates: masked (SecAgg+): the orchestrator learns only their sum");
        out.println("Strategy: " + aggregation.strategy().name() + (plan.proximalMu() > 0 ? " (proximal mu " + plan.proximalMu() + " on the nodes)" : ""));
        out.println("Rounds and models: signed with the orchestrator's Ed25519 key " + SigningKeys.fingerprint(keys.getPublic())
                + "; nodes refuse anything else");

        Path store = work.resolve("credentials");
        out.print("Enrolling the orchestrator and " + nodes + " nodes (PBKDF2, one password each)... ");
        out.flush();
        Map<String, Credentials> identities = enroll(store, shards);
        out.println("done");
        out.println("Broker: secured; " + identities.size() + " identities in " + store
                + ", each confined to its own topics (anonymous, unknown and misplaced clients are refused)");

        DemoTls tls = noTls ? null : DemoTls.create();
        if (tls != null) {
            out.println("Transport: TLS 1.3 with a certificate per identity (CN = its name) from a CA made for this run; "
                    + "the broker refuses clients without one");
        }

        WireCodec codec = new WireCodec();
        List<NodeAgent> agents = new ArrayList<>();
        BrokerConfig brokerConfig = BrokerConfig.loopback(work.resolve("broker"), 0).withAuthenticator(StoreAuthenticator.open(store))
                .withTls(tls == null ? null : tls.broker());
        try (EmbeddedBroker broker = new EmbeddedBroker(brokerConfig)) {
            out.print("Starting the embedded HiveMQ CE broker... ");
            out.flush();
            broker.start();
            String uri = tls == null ? broker.serverUri() : broker.tlsUri();
            out.println(uri);
            try {
                for (Shard<?> s : shards) {
                    String id = nodeId(s);
                    NodeAgent agent = new NodeAgent(id, Demo.FLEET,
                            Connections.node(uri, Demo.FLEET, id, codec, keys.getPublic(), identities.get(id), tls == null ? null : tls.client(id)),
                            new ShardLearner(spec.task(), s, task.seed + s.nodeIndex()), codec, NodeObserver.NONE);
                    agent.start();
                    agents.add(agent);
                }
                GlobalModel initial = new GlobalModel(1, 0, 0, spec, Tensor.vector(TaskModel.create(spec, task.seed).parameters()));
                OrchestratorConfig config = OrchestratorConfig.builder(Demo.FLEET, work.resolve("models")).rounds(rounds).minNodes(nodes)
                        .nodeWait(Duration.ofSeconds(60)).plan(plan).secAgg(secAgg.config()).build();
                DemoConsole console = new DemoConsole(out, nodes, !verbose);
                List<RoundReport> reports;
                try (Orchestrator orchestrator = new Orchestrator(config, Connections.orchestrator(uri, Demo.FLEET, keys, identities.get(ORCHESTRATOR),
                        tls == null ? null : tls.client(ORCHESTRATOR)),
                        new ModelStore(config.modelDir(), codec), aggregation.strategy(), console, codec)) {
                    orchestrator.start(initial);
                    console.header();
                    reports = orchestrator.run();
                }
                console.summary(reports, work.resolve("models"));
                if (!noBaseline) baseline(spec, shards, plan, reports);
            } finally {
                agents.forEach(NodeAgent::close);
            }
        }
        return 0;
    }

    /** Every identity of the demo, enrolled afresh (a reused --work-dir gets new passwords), with its password in memory only. */
    private static Map<String, Credentials> enroll(Path store, List<Shard<?>> shards) throws java.io.IOException {
        Map<String, Credentials> out = new LinkedHashMap<>();
        out.put(ORCHESTRATOR, new Credentials(ORCHESTRATOR, Enrollment.enroll(store, ORCHESTRATOR, Role.ORCHESTRATOR, Demo.FLEET, true)));
        for (Shard<?> s : shards) {
            String id = nodeId(s);
            out.put(id, new Credentials(id, Enrollment.enroll(store, id, Role.NODE, Demo.FLEET, true)));
        }
        return out;
    }

    private static String nodeId(Shard<?> s) { return "node-" + (s.nodeIndex() + 1); }

    private void baseline(ModelSpec spec, List<Shard<?>> shards, TrainingPlan plan, List<RoundReport> reports) {
        int totalEpochs = rounds * plan.localEpochs();
        List<Labelled> train = new ArrayList<>(), test = new ArrayList<>();
        shards.forEach(s -> { train.addAll(s.train()); test.addAll(s.test()); });
        TaskModel central = TaskModel.create(spec, task.seed);
        TrainingPlan oneEpoch = new TrainingPlan(1, plan.batchSize(), plan.learningRate());
        long start = System.nanoTime();
        if (System.console() == null) out.printf(Locale.ROOT, "Centralized baseline: training %d epochs on the union of all shards...%n", totalEpochs);
        for (int e = 1; e <= totalEpochs; e++) {
            central.fit(train, oneEpoch);
            if (System.console() != null) {
                out.printf(Locale.ROOT, "\rCentralized baseline: epoch %d/%d", e, totalEpochs);
                out.flush();
            }
        }
        Evaluation ev = central.evaluate(test);
        out.printf(Locale.ROOT, "%sCentralized baseline: the same model on the union of all shards, %d epochs: test accuracy %.3f (%.1f s)%n",
                System.console() != null ? "\r" : "", totalEpochs, ev.accuracy(), (System.nanoTime() - start) / 1e9);
        double federated = DemoConsole.acceptedAccuracy(reports);
        out.printf(Locale.ROOT, "Federated vs centralized: %.3f vs %.3f, a gap of %.1f points%n",
                federated, ev.accuracy(), 100 * (ev.accuracy() - federated));
    }
}
