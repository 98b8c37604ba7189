package io.fedmq.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionerTest {
    private static final SurnameCorpus CORPUS = SurnameCorpus.builtIn();
    private static final int NODES = 4;

    @Test
    void everyExampleGoesToExactlyOneNode() {
        List<Shard<Example>> shards = Partitioner.nonIid().split(CORPUS, NODES, 7);
        assertEquals(NODES, shards.size());
        Map<Example, Integer> seen = new HashMap<>();
        for (Shard<Example> s : shards) s.all().forEach(e -> seen.merge(e, 1, Integer::sum));
        assertEquals(CORPUS.examples().size(), seen.size());
        assertTrue(seen.values().stream().allMatch(n -> n == 1));
        assertTrue(seen.keySet().containsAll(CORPUS.examples()));
    }

    @Test
    void isDeterministicGivenTheSeed() {
        assertEquals(Partitioner.nonIid().split(CORPUS, NODES, 7), Partitioner.nonIid().split(CORPUS, NODES, 7));
        assertNotEquals(Partitioner.nonIid().split(CORPUS, NODES, 7), Partitioner.nonIid().split(CORPUS, NODES, 8));
    }

    @Test
    void aNodeThatKnowsOnlyItsIndexGetsTheSameShare() {
        List<Shard<Example>> all = Partitioner.nonIid().split(CORPUS, NODES, 7);
        for (int i = 0; i < NODES; i++) assertEquals(all.get(i), Partitioner.nonIid().shard(SurnameCorpus.builtIn(), i, NODES, 7));
        assertThrows(IllegalArgumentException.class, () -> Partitioner.nonIid().shard(CORPUS, NODES, NODES, 7));
    }

    @Test
    void nodesAreSkewedTowardAFewLanguages() {
        double pooledTop2 = top2Share(CORPUS.examples());
        for (long seed = 1; seed <= 5; seed++) {
            for (Shard<Example> s : Partitioner.nonIid().split(CORPUS, NODES, seed)) {
                // With 18 languages on 4 nodes a node holds ~4-5 languages' worth of names, so its top two
                // cannot hold most of its data; they hold well over what they would under an even split.
                assertTrue(top2Share(s.all()) > 1.5 * pooledTop2, "seed " + seed + " node " + s.nodeIndex());
                assertTrue(distanceFromPooled(s.all()) > 0.25, "seed " + seed + " node " + s.nodeIndex());
            }
        }
        for (Shard<Example> s : Partitioner.dirichlet(Double.POSITIVE_INFINITY).split(CORPUS, NODES, 1)) {
            assertTrue(distanceFromPooled(s.all()) < 0.03, "an even split mirrors the pooled languages");
        }
    }

    @Test
    void holdsOutAFifthOfEachNodesLanguages() {
        for (Shard<Example> s : Partitioner.nonIid().split(CORPUS, NODES, 7)) {
            double fraction = (double) s.test().size() / s.all().size();
            assertEquals(0.2, fraction, 0.01, "node " + s.nodeIndex());
            int[] train = counts(s.train()), test = counts(s.test());
            for (int l = 0; l < train.length; l++) {
                int n = train[l] + test[l];
                assertEquals(Math.round(n * 0.2), test[l], "stratified: language " + l + " on node " + s.nodeIndex());
            }
        }
    }

    @Test
    void apportionsExactly() {
        assertEquals(10, Arrays.stream(Partitioner.apportion(new double[] {0.33, 0.33, 0.34}, 10)).sum());
        assertEquals(List.of(3, 3, 4), Arrays.stream(Partitioner.apportion(new double[] {0.33, 0.33, 0.34}, 10)).boxed().toList());
    }

    private static int[] counts(List<Example> examples) {
        int[] c = new int[CORPUS.labels().size()];
        examples.forEach(e -> c[e.label()]++);
        return c;
    }

    private static double top2Share(List<Example> examples) {
        int[] c = counts(examples);
        Arrays.sort(c);
        return (double) (c[c.length - 1] + c[c.length - 2]) / examples.size();
    }

    /** Total variation distance between a node's language distribution and the pooled one. */
    private static double distanceFromPooled(List<Example> examples) {
        int[] mine = counts(examples), pooled = CORPUS.countsPerLabel();
        double d = 0;
        for (int l = 0; l < mine.length; l++) {
            d += Math.abs((double) mine[l] / examples.size() - (double) pooled[l] / CORPUS.examples().size());
        }
        return d / 2;
    }
}
