package io.fedmq.bench;

import io.fedmq.broker.BrokerConfig;
import io.fedmq.broker.BrokerTls;
import io.fedmq.broker.EmbeddedBroker;
import io.fedmq.broker.tls.CertificateAuthority;
import io.fedmq.broker.tls.CertificateAuthority.Issued;
import io.fedmq.mqtt.ClientTls;
import io.fedmq.mqtt.MqttSettings;
import io.fedmq.mqtt.PahoTransport;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.WireCodec;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time from the orchestrator publishing a model to a node holding it decoded: encode, QoS 1 publish through
 * the embedded HiveMQ broker on loopback, Paho receive, decode. 1.3M parameters is a 5 MB model. Over plain TCP
 * and over mutual TLS, in one run, so the cost of encryption is a ratio of two figures from the same machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ModelDeliveryBenchmark {
    @Param({"1310720"})
    int parameters;

    /** tcp: plain; tls: TLS 1.3 with client certificates (mutual), as the demo and a secured fleet run. */
    @Param({"tcp", "tls"})
    String transport;

    private final WireCodec codec = new WireCodec();
    private final BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(4);
    private EmbeddedBroker broker;
    private PahoTransport orchestrator, node;
    private GlobalModel model;
    private Path dir;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("fedmq-bench-broker");
        boolean tls = transport.equals("tls");
        CertificateAuthority ca = CertificateAuthority.create("bench CA", Duration.ofDays(1));
        Issued server = ca.issueServer("bench broker", List.of(), List.of(InetAddress.getByName("127.0.0.1")), Duration.ofDays(1));
        BrokerConfig config = BrokerConfig.loopback(dir, 0);
        if (tls) config = config.withTls(new BrokerTls(0, server.key(), server.chain(), List.of(ca.certificate())));
        broker = new EmbeddedBroker(config).start();
        String uri = tls ? broker.tlsUri() : broker.serverUri();
        orchestrator = PahoTransport.connect(MqttSettings.ephemeral(uri, "bench-orchestrator").withTls(tls ? client(ca, "orchestrator") : null));
        node = PahoTransport.connect(MqttSettings.ephemeral(uri, "bench-node").withTls(tls ? client(ca, "node") : null));
        node.subscribe("bench/model", (t, p, r) -> received.put(p));
        float[] w = new float[parameters];
        Random rnd = new Random(1);
        for (int i = 0; i < w.length; i++) w[i] = (float) rnd.nextGaussian();
        model = new GlobalModel(1, 0, 0, new ModelSpec("bench", "dense", List.of("a", "b")), Tensor.vector(w));
    }

    private static ClientTls client(CertificateAuthority ca, String name) {
        Issued cert = ca.issueClient(name, Duration.ofDays(1));
        return new ClientTls(List.of(ca.certificate()), cert.key(), cert.chain());
    }

    @Benchmark
    public GlobalModel deliverModel() throws Exception {
        orchestrator.publish("bench/model", codec.encode(model), false);
        byte[] bytes = received.poll(30, TimeUnit.SECONDS);
        if (bytes == null) throw new IllegalStateException("model not delivered within 30 s");
        return codec.decode(bytes, GlobalModel.class);
    }

    @TearDown
    public void tearDown() throws Exception {
        node.close();
        orchestrator.close();
        broker.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
