package io.fedmq.learning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Splits a corpus over a fleet the way households would hold it: non-IID, each node rich in a few languages
 * and poor in the rest. For every language, the shares of the nodes are drawn from a symmetric
 * Dirichlet(alpha) (Hsu et al. 2019): small alpha gives each language to one or two nodes, large alpha
 * approaches an even (IID) split. Each node's share is then split {@value #TEST_PERCENT}% held-out test,
 * stratified by language.
 *
 * <p>Deterministic given the corpus, the node count and the seed, on every JVM and CPU (only
 * {@link java.util.Random} and {@link StrictMath}), so a node process that knows only "shard 2 of 4" gets
 * exactly the examples the in-process demo gives its node 2. Every example goes to exactly one node.
 */
public final class Partitioner {
    /** Dirichlet concentration of the demo: each node ends up with a few dominant languages. */
    public static final double DEFAULT_ALPHA = 0.5;
    static final int TEST_PERCENT = 20;

    private final double alpha;

    private Partitioner(double alpha) {
        this.alpha = alpha;
    }

    /** Per-language shares from Dirichlet({@code alpha}); {@code Double.POSITIVE_INFINITY} means even shares. */
    public static Partitioner dirichlet(double alpha) {
        if (!(alpha > 0)) throw new IllegalArgumentException("alpha must be > 0, got " + alpha);
        return new Partitioner(alpha);
    }

    /** The demo's partitioner, {@link #DEFAULT_ALPHA}. */
    public static Partitioner nonIid() {
        return dirichlet(DEFAULT_ALPHA);
    }

    public double alpha() {
        return alpha;
    }

    /** The shares of all {@code nodes} nodes, indexed by node. */
    public List<Shard<Example>> split(SurnameCorpus corpus, int nodes, long seed) {
        Objects.requireNonNull(corpus, "corpus");
        return split(corpus.examples(), corpus.labels().size(), nodes, seed);
    }

    /**
     * The shares of all {@code nodes} nodes of any task's {@code examples}, labelled {@code 0..numLabels-1}, indexed
     * by node: the same Dirichlet split, per label instead of per language.
     */
    public <E extends Labelled> List<Shard<E>> split(List<E> examples, int numLabels, int nodes, long seed) {
        Objects.requireNonNull(examples, "examples");
        if (nodes < 1) throw new IllegalArgumentException("nodes must be >= 1, got " + nodes);
        List<List<E>> byLabel = new ArrayList<>();
        for (int l = 0; l < numLabels; l++) byLabel.add(new ArrayList<>());
        examples.forEach(e -> byLabel.get(e.label()).add(e));

        Random random = new Random(seed);
        // perNode.get(n).get(l): node n's examples of language l
        List<List<List<E>>> perNode = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            List<List<E>> langs = new ArrayList<>();
            for (int l = 0; l < numLabels; l++) langs.add(new ArrayList<>());
            perNode.add(langs);
        }
        for (int l = 0; l < numLabels; l++) {
            List<E> ofLabel = byLabel.get(l);
            Collections.shuffle(ofLabel, random);
            int[] counts = apportion(shares(nodes, random), ofLabel.size());
            int from = 0;
            for (int n = 0; n < nodes; n++) {
                perNode.get(n).get(l).addAll(ofLabel.subList(from, from + counts[n]));
                from += counts[n];
            }
        }
        List<Shard<E>> shards = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            List<E> train = new ArrayList<>();
            List<E> test = new ArrayList<>();
            for (List<E> language : perNode.get(n)) {
                // Rounded per language: stratified where a language has a few examples on this node, and a
                // language with only one or two stays in training, where it can at least be learnt.
                int held = (int) Math.round(language.size() * TEST_PERCENT / 100.0);
                test.addAll(language.subList(0, held));
                train.addAll(language.subList(held, language.size()));
            }
            Collections.shuffle(train, random);
            Collections.shuffle(test, random);
            shards.add(new Shard<>(n, train, test));
        }
        return List.copyOf(shards);
    }

    /** Node {@code index}'s share of {@link #split}: identical to {@code split(corpus, nodes, seed).get(index)}. */
    public Shard<Example> shard(SurnameCorpus corpus, int index, int nodes, long seed) {
        if (index < 0 || index >= nodes) throw new IllegalArgumentException("shard index " + index + " is not in [0, " + nodes + ")");
        // The split is cheap (milliseconds): computing all of it is the simplest way to agree with it exactly.
        return split(corpus, nodes, seed).get(index);
    }

    /** One draw from Dirichlet(alpha, ..., alpha) over the nodes. */
    private double[] shares(int nodes, Random random) {
        double[] g = new double[nodes];
        double sum = 0;
        for (int n = 0; n < nodes; n++) {
            g[n] = Double.isInfinite(alpha) ? 1 : gamma(alpha, random);
            sum += g[n];
        }
        if (sum == 0) { // every gamma underflowed (alpha tiny): give the language to one node
            g[random.nextInt(nodes)] = 1;
            sum = 1;
        }
        for (int n = 0; n < nodes; n++) g[n] /= sum;
        return g;
    }

    /** Largest-remainder rounding of {@code total * shares}, so that the counts add up to {@code total}. */
    static int[] apportion(double[] shares, int total) {
        int[] counts = new int[shares.length];
        double[] remainder = new double[shares.length];
        int given = 0;
        for (int i = 0; i < shares.length; i++) {
            double exact = shares[i] * total;
            counts[i] = (int) StrictMath.floor(exact);
            remainder[i] = exact - counts[i];
            given += counts[i];
        }
        for (; given < total; given++) {
            int best = 0;
            for (int i = 1; i < shares.length; i++) if (remainder[i] > remainder[best]) best = i;
            counts[best]++;
            remainder[best] = -1;
        }
        return counts;
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the shape < 1 boost. */
    static double gamma(double shape, Random random) {
        if (shape < 1) {
            double u = random.nextDouble();
            return gamma(shape + 1, random) * StrictMath.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3, c = 1 / StrictMath.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) return d * v;
        }
    }
}
