package io.fedmq.app;

import io.fedmq.firmware.ConfigException;
import io.fedmq.firmware.ConfigKey;
import io.fedmq.firmware.JvmOptions;
import io.fedmq.firmware.NodeConfig;
import io.fedmq.firmware.Preflight;
import io.fedmq.learning.Partitioner;
import io.fedmq.learning.Shard;
import io.fedmq.mqtt.ClientTls;
import io.fedmq.node.NodeAgent;
import io.fedmq.node.NodeObserver;
import io.fedmq.node.ShardLearner;
import io.fedmq.node.lights.Pi4jLeds;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.NodeStatus;
import io.fedmq.protocol.WireCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run one edge node: follow rounds, train and evaluate on local data, publish updates. Until Ctrl-C.")
final class NodeCommand implements Callable<Integer> {
    @Mixin FleetOptions fleet = new FleetOptions();
    @Mixin CredentialsOption credentials = new CredentialsOption();
    @Mixin TlsOptions tls = new TlsOptions();
    @Mixin TaskOptions task = new TaskOptions();
    @Mixin DataOptions dataOptions = new DataOptions();
    @Mixin InferenceOptions inference = new InferenceOptions();
    @Mixin PinnedKeyOption pinned = new PinnedKeyOption();
    @Spec CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "the node's config file (template: firmware-config/fedmq-node.conf); options given here override its keys")
    Path configFile;

    @Option(names = "--check", description = "check the config, the state folder and the LED pins, print the settings and exit")
    boolean check;

    @Option(names = "--id", description = "this node's id, e.g. pi-kitchen (required, here or as node.id in --config)")
    String id;

    @Option(names = "--shard", defaultValue = "1/1",
            description = "which share of the data this node holds, i/n with 1 <= i <= n (default: ${DEFAULT-VALUE}: all of it)")
    String shard;

    @Option(names = "--alpha", defaultValue = "0.5", description = "non-IID skew of the split, as in the demo (default: ${DEFAULT-VALUE})")
    double alpha;

    @Override
    public Integer call() throws Exception {
        NodeConfig config;
        try {
            config = new NodeSettings(configFile, spec.commandLine().getParseResult())
                    .option("--id", ConfigKey.NODE_ID, id)
                    .option("--broker", ConfigKey.BROKER, fleet.broker)
                    .option("--fleet", ConfigKey.FLEET, fleet.fleet)
                    .option("--credentials-file", ConfigKey.CREDENTIALS, credentials.credentialsFile)
                    .option("--orchestrator-key", ConfigKey.ORCHESTRATOR_KEY, pinned.orchestratorKey)
                    .option("--tls-ca", ConfigKey.TLS_CA, absolute(tls.ca))
                    .option("--tls-cert", ConfigKey.TLS_CERT, absolute(tls.certificate))
                    .option("--tls-key", ConfigKey.TLS_KEY, absolute(tls.key))
                    .option("--data", ConfigKey.DATA_SOURCE, task.data == null ? null : "surnames:" + task.data.toAbsolutePath())
                    .option("--shard", ConfigKey.DATA_SHARD, shard)
                    .resolve();
            if (configFile != null) Preflight.check(config);
        } catch (ConfigException e) {
            return refuse(configFile == null ? "the command line" : configFile.toString(), e.problems());
        }
        if (configFile != null) {
            JvmOptions.mismatches(config, Runtime.getRuntime().maxMemory(), System.getProperties()).forEach(m ->
                    System.err.println("fedmq node: warning: " + m + " (start it with ./fedmq node --config, which sets these)"));
        }
        NodeLights lights;
        try {
            lights = NodeLights.open(config.leds());
        } catch (Pi4jLeds.LedException e) {
            return refuse("the status LEDs", List.of(e.getMessage(), "is the node's user in the gpio group? A Pi without LEDs can say leds.provider = none"));
        }
        if (check) {
            lights.close();
            System.out.println("fedmq node: the config is valid" + (configFile == null ? "" : " and this machine can run it") + ":");
            config.describe().forEach((k, v) -> System.out.printf("  %-15s = %s%n", k.key(), v));
            return 0;
        }
        try {
            return runNode(config, lights);
        } catch (Exception e) {
            lights.close(); // a node that never got going leaves its LEDs dark, not frozen mid-blink
            throw e;
        }
    }

    private int runNode(NodeConfig config, NodeLights lights) throws Exception {
        String id = config.nodeId();
        NodeConfig.Shard part = config.shard();
        if (task.data == null && config.data().path() != null) task.data = config.data().path(); // the config file's data folder
        TaskData data = TaskData.forNode(task, dataOptions, part.index() - 1, part.count(), alpha);
        Shard<?> mine = data.shards().get(0);
        WireCodec codec = new WireCodec();
        NodeObserver console = new NodeObserver() {
            @Override public void onState(NodeStatus.State state) { System.out.println(id + ": " + state); }
            @Override public void onAccepted(AcceptedModel m) { System.out.println(id + ": the fleet runs v" + m.version()); }
        };
        java.security.PublicKey orchestratorKey;
        try {
            orchestratorKey = config.orchestratorPublicKey();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("no orchestrator key at " + config.orchestratorKey() + " (" + e.getMessage() + "): pass "
                    + "--orchestrator-key with the key the orchestrator printed at start, or the .pub file it wrote next to its --signing-key");
        }
        LocalInference serving = inference.start(id, data);
        NodeConfig.Tls t = config.tls();
        NodeAgent agent = new NodeAgent(id, config.fleet(), Connections.node(config.broker(), config.fleet(), id, codec, orchestratorKey,
                config.credentials() == null ? null : CredentialsFile.read(config.credentials()),
                t == null ? null : ClientTls.fromPem(t.ca(), t.certificate(), t.key())),
                new ShardLearner(data.spec().task(), mine, task.seed + part.index() - 1), codec,
                NodeObserver.all(console, lights.observer(), serving)).rememberingEpochsIn(new EpochFile(config.stateDir()));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { agent.close(); serving.close(); lights.close(); stop.countDown(); }, "node-shutdown"));
        agent.start();
        System.out.printf("%s: %s, connected to %s%n", id, data.summary(), config.broker());
        stop.await();
        return 0;
    }

    /** The config file wants absolute paths; an option typed relative to the working folder is made one. */
    private static Path absolute(Path p) { return p == null ? null : p.toAbsolutePath(); }

    /** Says what is wrong, every problem on its own line, and exits so that systemd does not retry in vain. */
    private static int refuse(String what, List<String> problems) {
        System.err.println("fedmq node: cannot start with " + what + ":");
        problems.forEach(p -> System.err.println("  " + p));
        return ConfigException.EXIT_CODE;
    }
}
