package io.fedmq.bench;

import io.fedmq.protocol.Message;
import io.fedmq.protocol.ModelUpdate;
import io.fedmq.protocol.Tensor;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.WireFormatException;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/** Encoding and decoding a model update of d parameters (14k is the demo's surname CNN). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    @Param({"14000", "100000", "1000000"})
    int parameters;

    private final WireCodec codec = new WireCodec();
    private ModelUpdate update;
    private byte[] encoded;

    @Setup
    public void setUp() {
        float[] d = new float[parameters];
        Random r = new Random(1);
        for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
        update = new ModelUpdate(1, "node-1", 1, 1000, 0.5, Tensor.vector(d));
        encoded = codec.encode(update);
    }

    @Benchmark
    public byte[] encode() { return codec.encode(update); }

    @Benchmark
    public Message decode() throws WireFormatException { return codec.decode(encoded); }
}
