package io.fedmq.app;

import io.fedmq.learning.SurnameCorpus;
import io.fedmq.learning.TaskModel;
import io.fedmq.orchestrator.AcceptanceGate;
import io.fedmq.orchestrator.ModelStore;
import io.fedmq.orchestrator.Orchestrator;
import io.fedmq.orchestrator.OrchestratorConfig;
import io.fedmq.orchestrator.RoundReport;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.WireCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "orchestrator", mixinStandardHelpOptions = true,
        description = "Run the orchestrator alone: announce rounds, aggregate, gate and publish models.")
final class OrchestratorCommand implements Callable<Integer> {
    @Mixin FleetOptions fleet = new FleetOptions();
    @Mixin TaskOptions task = new TaskOptions();
    @Mixin SecAggOptions secAgg = new SecAggOptions();

    @Option(names = "--rounds", defaultValue = Defaults.ROUNDS, description = "rounds to run (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--min-nodes", defaultValue = "2", description = "nodes that must be online before a round starts (default: ${DEFAULT-VALUE})")
    int minNodes;

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

    @Option(names = "--model-dir", defaultValue = "fedmq-data/models", description = "the model trail (default: ${DEFAULT-VALUE})")
    Path modelDir;

    @Override
    public Integer call() throws Exception {
        // The orchestrator reads only the label names, to build the initial network; never the examples' use.
        SurnameCorpus corpus = task.corpus();
        ModelSpec spec = task.spec(corpus);
        OrchestratorConfig config = OrchestratorConfig.builder(fleet.fleet, modelDir).rounds(rounds).minNodes(minNodes)
                .nodeWait(nodeWait).plan(aggregation.plan(training.plan())).trainDeadline(trainDeadline).evalDeadline(evalDeadline)
                .gate(new AcceptanceGate(minAccuracy, maxRegression, 1)).secAgg(secAgg.config()).build();
        WireCodec codec = new WireCodec();
        GlobalModel initial = new GlobalModel(1, 0, 0, spec, Tensor.vector(TaskModel.create(spec, task.seed).parameters()));
        DemoConsole console = new DemoConsole(System.out, minNodes, false);
        try (Orchestrator o = new Orchestrator(config, Connections.orchestrator(fleet.broker, fleet.fleet), new ModelStore(modelDir, codec),
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
