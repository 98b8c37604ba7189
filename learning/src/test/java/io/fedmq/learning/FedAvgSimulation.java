package io.fedmq.learning;

import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.TrainingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Federated averaging in one process, without MQTT or secure aggregation: for tuning the demo's defaults and
 * for tests. Each node is its own {@link TaskModel} on its own thread, as in the demo.
 */
final class FedAvgSimulation {
    /** Federated test metrics after each round (example-weighted over nodes), and the wall time. */
    record Result(List<Evaluation> perRound, double seconds) {
        double finalAccuracy() {
            return perRound.get(perRound.size() - 1).accuracy();
        }
    }

    private FedAvgSimulation() {}

    static Result run(ModelSpec spec, List<? extends Shard<?>> shards, TrainingPlan plan, int rounds, long seed) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(shards.size());
        try {
            List<TaskModel> nodes = new ArrayList<>();
            for (Shard<?> s : shards) nodes.add(pool.submit(() -> TaskModel.create(spec, seed + 1 + s.nodeIndex())).get());
            float[] global = TaskModel.create(spec, seed).parameters();
            List<Evaluation> perRound = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                float[] current = global;
                List<Future<float[]>> deltas = new ArrayList<>();
                if (Boolean.getBoolean("fedmq.freshOptimizer")) {
                    // Experiment only: forget each node's Adam moments at the start of every round.
                    for (int n = 0; n < nodes.size(); n++) nodes.set(n, TaskModel.create(spec, seed + 1 + n));
                }
                for (int n = 0; n < nodes.size(); n++) {
                    TaskModel node = nodes.get(n);
                    Shard<?> shard = shards.get(n);
                    deltas.add(pool.submit(() -> {
                        node.setParameters(current);
                        node.fit(shard.train(), plan);
                        float[] local = node.parameters();
                        for (int i = 0; i < local.length; i++) local[i] -= current[i];
                        return local;
                    }));
                }
                double[] sum = new double[global.length];
                long weight = 0;
                for (int n = 0; n < nodes.size(); n++) {
                    float[] delta = deltas.get(n).get();
                    int w = shards.get(n).train().size();
                    for (int i = 0; i < sum.length; i++) sum[i] += (double) w * delta[i];
                    weight += w;
                }
                float[] next = new float[global.length];
                for (int i = 0; i < next.length; i++) next[i] = (float) (global[i] + sum[i] / weight);
                global = next;

                float[] candidate = global;
                List<Future<Evaluation>> evals = new ArrayList<>();
                for (int n = 0; n < nodes.size(); n++) {
                    TaskModel node = nodes.get(n);
                    Shard<?> shard = shards.get(n);
                    evals.add(pool.submit(() -> {
                        node.setParameters(candidate);
                        return node.evaluate(shard.test());
                    }));
                }
                List<Evaluation> parts = new ArrayList<>();
                for (Future<Evaluation> f : evals) parts.add(f.get());
                perRound.add(Evaluation.weightedMean(parts));
            }
            return new Result(perRound, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
