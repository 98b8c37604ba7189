package io.fedmq.bench;

import io.fedmq.protocol.aggregation.FedAvg;
import io.fedmq.protocol.aggregation.WeightedSum;
import io.fedmq.protocol.Tensor;
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

/** FedAvg over n node updates of d parameters: fold each into the weighted sum, then apply the mean. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AggregationBenchmark {
    @Param({"10", "100"})
    int nodes;

    @Param({"14000", "100000"})
    int parameters;

    private Tensor[] updates;
    private float[] global;

    @Setup
    public void setUp() {
        Random r = new Random(1);
        updates = new Tensor[nodes];
        for (int k = 0; k < nodes; k++) {
            float[] d = new float[parameters];
            for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
            updates[k] = Tensor.vector(d);
        }
        global = new float[parameters];
    }

    @Benchmark
    public float[] fedAvgRound() {
        WeightedSum sum = new WeightedSum(parameters);
        for (int k = 0; k < nodes; k++) sum.add(updates[k].view(), 100 + k);
        return new FedAvg().apply(global, sum.mean(), io.fedmq.protocol.aggregation.ServerState.EMPTY).parameters();
    }
}
