package io.fedmq.app;

import io.fedmq.learning.TaskModel;
import io.fedmq.orchestrator.AcceptanceGate;
import io.fedmq.orchestrator.ModelStore;
import io.fedmq.orchestrator.Orchestrator;
import io.fedmq.orchestrator.OrchestratorConfig;
import io.fedmq.orchestrator.RoundReport;
import io.fedmq.orchestrator.Sampling;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.security.SigningKeys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "orchestrator", mixinStandardHelpOptions = true,
        description = "Run the orchestrator alone: announce rounds, aggregate, gate and publish models.")
final class OrchestratorCommand implements Callable<Integer> {
    @Spec CommandSpec command;

    /** Picocli asks for defaults only after the whole command line is read, so the file never overrides it. */
    @Option(names = "--config", paramLabel = "FILE",
            description = "read options from this properties file, keys named like the options without dashes (rounds=20); options given here override it")
    void configFile(Path file) { command.defaultValueProvider(ConfigFile.read(file, command)); }

    @Mixin FleetOptions fleet = new FleetOptions();
    @Mixin CredentialsOption credentials = new CredentialsOption();
    @Mixin TlsOptions tls = new TlsOptions();
    @Mixin TaskOptions task = new TaskOptions();
    @Mixin SecAggOptions secAgg = new SecAggOptions();
    @Mixin SigningOptions signing = new SigningOptions();

    @Option(names = "--rounds", defaultValue = Defaults.ROUNDS,
            description = "rounds to run, counted over the model trail; 0: until stopped, as a service (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--round-interval", defaultValue = "PT0S",
            description = "pause between rounds, ISO-8601, e.g. PT1H to train hourly (default: ${DEFAULT-VALUE}: none)")
    Duration roundInterval;

    @Option(names = "--min-nodes", defaultValue = "3",
            description = "nodes that must be online before a round starts, and the fewest a round selects (default: ${DEFAULT-VALUE})")
    int minNodes;

    @Option(names = "--sample-fraction", defaultValue = "1.0",
            description = "share of the online nodes each round selects, those least often selected first (default: ${DEFAULT-VALUE})")
    double sampleFraction;

    @Option(names = "--max-nodes", paramLabel = "N", description = "the most nodes one round selects (default: no limit)")
    Integer maxNodes;

    @Option(names = "--sample-seed", defaultValue = "0",
            description = "breaks ties between nodes equally due; the same seed replays the same selections (default: ${DEFAULT-VALUE})")
    long sampleSeed;

    @Option(names = "--node-wait", defaultValue = "PT10M", description = "how long to wait for them, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration nodeWait;

    @Mixin PlanOptions training = new PlanOptions();
    @Mixin StrategyOptions aggregation = new StrategyOptions();

    @Option(names = "--train-deadline", defaultValue = "PT10M", description = "training phase deadline, sized for a Raspberry Pi (default: ${DEFAULT-VALUE})")
    Duration trainDeadline;

    @Option(names = "--eval-deadline", defaultValue = "PT5M", description = "evaluation phase deadline (default: ${DEFAULT-VALUE})")
    Duration evalDeadline;

    @Option(names = "--min-accuracy", defaultValue = "0", description = "accuracy a candidate must reach to be accepted (default: ${DEFAULT-VALUE})")
    double minAccuracy;

    @Option(names = "--max-regression", defaultValue = "0.05", description = "how far below the accepted model a candidate may score (default: ${DEFAULT-VALUE})")
    double maxRegression;

    @Option(names = "--min-reports", defaultValue = "1", description = "evaluation reports a candidate needs to be accepted (default: ${DEFAULT-VALUE})")
    int minReports;

    @Option(names = "--model-dir", defaultValue = "fedmq-data/models", description = "the model trail (default: ${DEFAULT-VALUE})")
    Path modelDir;

    /** The settings from the options (and the config file); needs no broker or data, so tests can check it. */
    OrchestratorConfig config() {
        Sampling sampling = new Sampling(sampleFraction, maxNodes == null ? Integer.MAX_VALUE : maxNodes, sampleSeed);
        return OrchestratorConfig.builder(fleet.fleet, modelDir).rounds(rounds).roundInterval(roundInterval).minNodes(minNodes).sampling(sampling)
                .nodeWait(nodeWait).plan(aggregation.plan(training.plan())).trainDeadline(trainDeadline).evalDeadline(evalDeadline)
                .gate(new AcceptanceGate(minAccuracy, maxRegression, minReports)).secAgg(secAgg.config()).build();
    }

    @Override
    public Integer call() throws Exception {
        OrchestratorConfig config = config(); // before the data: bad settings fail in a second, not after loading
        // The orchestrator reads at most the label names, to build the initial network; never the examples' use.
        ModelSpec spec = task.spec();
        WireCodec codec = new WireCodec();
        KeyPair keys = signing.keys();
        System.out.println("signing as " + SigningKeys.fingerprint(keys.getPublic()) + "; nodes pin --orchestrator-key "
                + SigningKeys.encodePublic(keys.getPublic()) + " (also in " + signing.publicFile() + ")");
        GlobalModel initial = new GlobalModel(1, 0, 0, spec, Tensor.vector(TaskModel.create(spec, task.seed).parameters()));
        DemoConsole console = new DemoConsole(System.out, minNodes, false);
        try (Orchestrator o = new Orchestrator(config, Connections.orchestrator(fleet.broker, fleet.fleet, keys, credentials.credentials(), tls.tls(fleet.broker)), new ModelStore(modelDir, codec),
                aggregation.strategy(), console, codec)) {
            o.start(initial);
            System.out.println("orchestrator on " + fleet.broker + ", fleet " + fleet.fleet + ": waiting for " + minNodes + " nodes");
            console.header();
            List<RoundReport> reports = o.run();
            console.summary(reports, modelDir);
            return reports.stream().anyMatch(RoundReport::accepted) ? 0 : 2;
        }
    }
}
