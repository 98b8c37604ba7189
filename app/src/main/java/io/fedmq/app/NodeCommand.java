package io.fedmq.app;

import io.fedmq.learning.Shard;
import io.fedmq.node.NodeAgent;
import io.fedmq.node.NodeObserver;
import io.fedmq.node.ShardLearner;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.NodeStatus;
import io.fedmq.protocol.WireCodec;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run one edge node: follow rounds, train and evaluate on local data, publish updates. Until Ctrl-C.")
final class NodeCommand implements Callable<Integer> {
    @Mixin FleetOptions fleet = new FleetOptions();
    @Mixin TaskOptions task = new TaskOptions();
    @Mixin DataOptions dataOptions = new DataOptions();
    @Mixin InferenceOptions inference = new InferenceOptions();
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
        TaskData data = TaskData.forNode(task, dataOptions, i - 1, n, alpha);
        Shard<?> mine = data.shards().get(0);
        WireCodec codec = new WireCodec();
        NodeObserver console = new NodeObserver() {
            @Override public void onState(NodeStatus.State state) { System.out.println(id + ": " + state); }
            @Override public void onAccepted(AcceptedModel m) { System.out.println(id + ": the fleet runs v" + m.version()); }
        };
        LocalInference serving = inference.start(id, data);
        NodeAgent agent = new NodeAgent(id, fleet.fleet, Connections.node(fleet.broker, fleet.fleet, id, codec, pinned.publicKey()),
                new ShardLearner(data.spec().task(), mine, task.seed + i - 1), codec, NodeObserver.all(console, serving));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { agent.close(); serving.close(); stop.countDown(); }, "node-shutdown"));
        agent.start();
        System.out.printf("%s: %s, connected to %s%n", id, data.summary(), fleet.broker);
        stop.await();
        return 0;
    }
}
