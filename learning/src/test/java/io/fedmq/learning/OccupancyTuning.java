package io.fedmq.learning;

import io.fedmq.learning.occupancy.HomeData;
import io.fedmq.learning.occupancy.HomeSimulator;
import io.fedmq.learning.occupancy.OccupancyTask;
import io.fedmq.learning.occupancy.SensorRow;
import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.TrainingPlan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: {@code java ... io.fedmq.learning.OccupancyTuning HOMES DAYS ROUNDS EPOCHS ARCH} prints what the
 * occupancy demo's defaults were chosen from: each simulated home, a centralized model and FedAvg per round.
 */
public final class OccupancyTuning {
    public static void main(String[] args) throws Exception {
        int homes = arg(args, 0, 6), days = arg(args, 1, 21), rounds = arg(args, 2, 5), epochs = arg(args, 3, 2);
        String arch = args.length > 4 ? args[4] : OccupancyTask.MLP;
        long seed = 7;
        List<Shard<VectorExample>> shards = new ArrayList<>();
        for (int h = 0; h < homes; h++) {
            List<SensorRow> rows = HomeSimulator.simulate(seed, h, LocalDate.of(2026, 2, 4), days);
            HomeData d = HomeData.of(rows, h, arch.equals(OccupancyTask.MLP));
            shards.add(d.shard());
            System.out.printf(Locale.ROOT, "home %d: %s; occupied %.2f; %d/%d; majority %.3f%n", h + 1, HomeSimulator.profile(seed, h).describe(),
                    d.occupiedShare(), d.shard().train().size(), d.shard().test().size(),
                    SurnameCorpus.majorityClassAccuracy(d.shard().test()));
        }
        ModelSpec spec = OccupancyTask.spec(arch);
        TrainingPlan plan = new TrainingPlan(epochs, 64, 0.01);
        long t = System.nanoTime();
        TaskModel central = TaskModel.create(spec, seed);
        List<Labelled> train = new ArrayList<>(), test = new ArrayList<>();
        shards.forEach(s -> { train.addAll(s.train()); test.addAll(s.test()); });
        for (int e = 1; e <= rounds * epochs; e++) {
            central.fit(train, new TrainingPlan(1, 64, 0.01));
            if (e % epochs == 0) System.out.printf(Locale.ROOT, "central epoch %d: %s%n", e, central.evaluate(test));
        }
        System.out.printf(Locale.ROOT, "central %.1f s; majority %.3f%n", (System.nanoTime() - t) / 1e9, SurnameCorpus.majorityClassAccuracy(test));
        FedAvgSimulation.Result r = FedAvgSimulation.run(spec, shards, plan, rounds, seed);
        for (int i = 0; i < r.perRound().size(); i++) System.out.printf(Locale.ROOT, "fed round %d: %s%n", i + 1, r.perRound().get(i));
        System.out.printf(Locale.ROOT, "fed %.1f s%n", r.seconds());
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
