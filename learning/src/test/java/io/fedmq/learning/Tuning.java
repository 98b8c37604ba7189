package io.fedmq.learning;

import io.fedmq.protocol.ModelSpec;
import io.fedmq.protocol.TrainingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Not a test: {@code java ... io.fedmq.learning.Tuning} prints the tables the demo defaults were chosen from. */
public final class Tuning {
    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "stats";
        switch (mode) {
            case "stats" -> stats(args.length > 1 ? Integer.parseInt(args[1]) : SurnameCorpus.DEFAULT_CAP);
            case "central" -> central(args);
            case "fed" -> fed(args);
            default -> throw new IllegalArgumentException(mode);
        }
    }

    static void stats(int cap) {
        long t = System.nanoTime();
        SurnameCorpus c = SurnameCorpus.builtIn(cap);
        System.out.printf("load %.2f s%n", (System.nanoTime() - t) / 1e9);
        System.out.println(c);
        for (int l = 0; l < c.labels().size(); l++) System.out.println(c.labels().get(l) + " " + c.countsPerLabel()[l]);
        System.out.println("majority " + SurnameCorpus.majorityClassAccuracy(c.examples()));
        for (int nodes : new int[] {3, 4, 5}) {
            for (double alpha : new double[] {0.3, 0.5, 1.0}) {
                List<Shard<Example>> shards = Partitioner.dirichlet(alpha).split(c, nodes, 1);
                StringBuilder b = new StringBuilder();
                for (Shard<Example> s : shards) {
                    int[] counts = new int[c.labels().size()];
                    s.all().forEach(e -> counts[e.label()]++);
                    int[] sorted = counts.clone();
                    java.util.Arrays.sort(sorted);
                    int n = s.all().size();
                    int k = sorted.length;
                    b.append(String.format(Locale.ROOT, " [n=%d top2=%.2f top4=%.2f langs>=10:%d]", n,
                            (sorted[k - 1] + sorted[k - 2]) / (double) n,
                            (sorted[k - 1] + sorted[k - 2] + sorted[k - 3] + sorted[k - 4]) / (double) n,
                            java.util.Arrays.stream(counts).filter(x -> x >= 10).count()));
                }
                System.out.println("nodes " + nodes + " alpha " + alpha + b);
            }
        }
    }

    /** central arch cap epochs batch lr seed [fold] : per-epoch test accuracy on the pooled 80/20 split. */
    static void central(String[] a) {
        String arch = a[1];
        int cap = Integer.parseInt(a[2]), epochs = Integer.parseInt(a[3]), batch = Integer.parseInt(a[4]);
        double lr = Double.parseDouble(a[5]);
        long seed = Long.parseLong(a[6]);
        boolean fold = a.length > 7 && a[7].equals("fold");
        SurnameCorpus c = fold ? SurnameCorpus.builtInFolded(cap) : SurnameCorpus.builtIn(cap);
        List<Shard<Example>> shards = Partitioner.dirichlet(Partitioner.DEFAULT_ALPHA).split(c, 4, seed);
        List<Example> train = new ArrayList<>(), test = new ArrayList<>();
        shards.forEach(s -> { train.addAll(s.train()); test.addAll(s.test()); });
        ModelSpec spec = SurnameModels.spec(arch, c.labels());
        TaskModel m = TaskModel.create(spec, seed);
        System.out.printf("%s cap=%d fold=%s params=%d train=%d test=%d majority=%.3f%n", arch, cap, fold,
                m.parameterCount(), train.size(), test.size(), SurnameCorpus.majorityClassAccuracy(test));
        TrainingPlan plan = new TrainingPlan(1, batch, lr);
        long t0 = System.nanoTime();
        for (int e = 1; e <= epochs; e++) {
            long t = System.nanoTime();
            FitResult f = m.fit(train, plan);
            double fitS = (System.nanoTime() - t) / 1e9;
            Evaluation ev = m.evaluate(test);
            System.out.printf(Locale.ROOT, "epoch %2d train loss %.3f  test loss %.3f acc %.3f  (fit %.2f s, total %.1f s)%n",
                    e, f.meanLoss(), ev.meanLoss(), ev.accuracy(), fitS, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** fed arch cap nodes alpha rounds localEpochs batch lr seed... */
    static void fed(String[] a) throws Exception {
        String arch = a[1];
        int cap = Integer.parseInt(a[2]), nodes = Integer.parseInt(a[3]);
        double alpha = Double.parseDouble(a[4]);
        int rounds = Integer.parseInt(a[5]), local = Integer.parseInt(a[6]), batch = Integer.parseInt(a[7]);
        double lr = Double.parseDouble(a[8]);
        SurnameCorpus c = SurnameCorpus.builtIn(cap);
        for (int i = 9; i < a.length; i++) {
            long seed = Long.parseLong(a[i]);
            List<Shard<Example>> shards = Partitioner.dirichlet(alpha).split(c, nodes, seed);
            ModelSpec spec = SurnameModels.spec(arch, c.labels());
            List<Example> test = new ArrayList<>();
            shards.forEach(s -> test.addAll(s.test()));
            long t = System.nanoTime();
            Evaluation central = Centralized.trainAndEvaluate(spec, shards, new TrainingPlan(rounds * local, batch, lr), seed);
            double centralS = (System.nanoTime() - t) / 1e9;
            FedAvgSimulation.Result fed = FedAvgSimulation.run(spec, shards, new TrainingPlan(local, batch, lr), rounds, seed);
            StringBuilder per = new StringBuilder();
            fed.perRound().forEach(e -> per.append(String.format(Locale.ROOT, " %.3f", e.accuracy())));
            System.out.printf(Locale.ROOT,
                    "%s cap=%d nodes=%d alpha=%.2f R=%d E=%d B=%d lr=%.4f seed=%d | majority %.3f | central %.3f (%.1f s) | fed %.3f (%.1f s) gap %+.3f | rounds:%s%n",
                    arch, cap, nodes, alpha, rounds, local, batch, lr, seed, SurnameCorpus.majorityClassAccuracy(test),
                    central.accuracy(), centralS, fed.finalAccuracy(), fed.seconds(), fed.finalAccuracy() - central.accuracy(), per);
        }
    }
}
