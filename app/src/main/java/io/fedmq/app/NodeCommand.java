package io.fedmq.app;

import io.fedmq.learning.Partitioner;
import io.fedmq.learning.Shard;
import io.fedmq.learning.SurnameCorpus;
import io.fedmq.node.NodeAgent;
import io.fedmq.node.NodeObserver;
import io.fedmq.node.ShardLearner;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.NodeStatus;
import io.fedmq.protocol.WireCodec;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run one edge node: follow rounds, train and evaluate on local data, publish updates. Until Ctrl-C.")
final class NodeCommand implements Callable<Integer> {
    @Spec CommandSpec command;

    /** As for the orchestrator: the file `fedmq enroll` writes for a node, with options on the command line winning. */
    @Option(names = "--config", paramLabel = "FILE",
            description = "read options from this properties file (as `fedmq enroll` writes it: broker, fleet, id, credentials-file, "
                    + "orchestrator-key); options given here override it")
    void configFile(Path file) { command.defaultValueProvider(ConfigFile.read(file, command)); }

    @Mixin FleetOptions fleet = new FleetOptions();
    @Mixin CredentialsOption credentials = new CredentialsOption();
    @Mixin TaskOptions task = new TaskOptions();
    @Mixin PinnedKeyOption pinned = new PinnedKeyOption();

    @Option(names = "--id", required = true, description = "this node's id, e.g. pi-kitchen")
    String id;

    @Option(names = "--shard", defaultValue = "1/1",
            description = "which share of the data this node holds, i/n with 1 <= i <= n (default: ${DEFAULT-VALUE}: all of it)")
    String shard;

    @Option(names = "--alpha", defaultValue = "0.5", description = "non-IID skew of the split, as in the demo (default: ${DEFAULT-VALUE})")
    double alpha;

    @Override
    public Integer call() throws Exception {
        String[] parts = shard.split("/");
        int i, n;
        try {
            i = Integer.parseInt(parts[0]);
            n = Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--shard must look like 2/4, got " + shard);
        }
        if (parts.length != 2 || n < 1 || i < 1 || i > n) throw new IllegalArgumentException("--shard must be i/n with 1 <= i <= n, got " + shard);
        SurnameCorpus corpus = task.corpus();
        Shard mine = Partitioner.dirichlet(alpha).shard(corpus, i - 1, n, task.seed);
        WireCodec codec = new WireCodec();
        NodeObserver console = new NodeObserver() {
            @Override public void onState(NodeStatus.State state) { System.out.println(id + ": " + state); }
            @Override public void onAccepted(AcceptedModel m) { System.out.println(id + ": the fleet runs v" + m.version()); }
        };
        NodeAgent agent = new NodeAgent(id, fleet.fleet, Connections.node(fleet.broker, fleet.fleet, id, codec, pinned.publicKey(), credentials.credentials()),
                new ShardLearner(mine, task.seed + i - 1), codec, console);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { agent.close(); stop.countDown(); }, "node-shutdown"));
        agent.start();
        System.out.printf("%s: %d training and %d held-out surnames (shard %s), connected to %s%n", id, mine.train().size(),
                mine.test().size(), shard, fleet.broker);
        stop.await();
        return 0;
    }
}
