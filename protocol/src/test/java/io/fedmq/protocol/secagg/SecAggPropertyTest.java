package io.fedmq.protocol.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fedmq.protocol.secagg.SecAggSimulation.Dropout;
import io.fedmq.protocol.secagg.SecAggSimulation.Result;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Random fleets, graphs and dropouts at every stage. Each round must either give exactly the plain sum of the
 * survivors' encoded vectors, or abort naming the first node an independent oracle says cannot be recovered.
 * Both the scenario and the keys come from the scenario's seed, so a failure is reproducible from its message.
 */
class SecAggPropertyTest {
    private static final int SCENARIOS = 30;
    private static final Dropout[] STAGES = {
        Dropout.BEFORE_ADVERTISE, Dropout.BEFORE_SHARE_KEYS, Dropout.BEFORE_MASKED_INPUT, Dropout.BEFORE_UNMASK
    };

    @Test
    void everyRoundGivesTheExactSumOrAbortsNamingAnUnrecoverableNode() {
        // Scenarios are independent: run them on every core (X25519 in the JDK costs ~0.3 ms, and dominates).
        List<String> outcomes = IntStream.range(0, SCENARIOS).parallel().mapToObj(SecAggPropertyTest::scenario).toList();
        long recovered = outcomes.stream().filter(o -> o.startsWith("recovered")).count();
        long aborted = outcomes.size() - recovered;
        long withDropouts = outcomes.stream().filter(o -> o.endsWith("with dropouts")).count();
        System.out.printf("SecAgg property test: %d rounds recovered exactly, %d aborted as predicted, %d with dropouts%n",
                recovered, aborted, withDropouts);
        assertTrue(recovered >= SCENARIOS / 2 && aborted >= 1, "the scenarios should exercise both outcomes: " + outcomes);
    }

    private static String scenario(int s) {
        long seed = 0x5eca99L * 1000 + s;
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = s % 6 == 0 ? 21 + rnd.nextInt(40) : 2 + rnd.nextInt(19); // 2..60, mostly small to keep the suite fast
        int d = 1 + rnd.nextInt(5000);
        int k = rnd.nextBoolean() ? NeighbourGraph.Params.choose(n, rnd.nextDouble(0.3)).k() : 2 * (1 + rnd.nextInt(n / 2 + 1));
        if (k % 2 == 1) k++; // an even k is valid however many nodes advertise
        double dropRate = new double[] {0, 0.05, 0.15, 0.3}[rnd.nextInt(4)];
        Map<String, Dropout> drops = new HashMap<>();
        Fleet fleet = new Fleet(n, d, rnd);
        for (String id : fleet.encoded.keySet()) if (rnd.nextDouble() < dropRate) drops.put(id, STAGES[rnd.nextInt(4)]);
        String scenario = "scenario seed " + seed + ": n=" + n + " d=" + d + " k=" + k + " drops=" + drops;
        String suffix = drops.isEmpty() ? "" : " with dropouts";

        AtomicReference<NeighbourGraph> graph = new AtomicReference<>();
        try {
            SecureRandom keys = SecureRandom.getInstance("SHA1PRNG"); // seeded before first use: deterministic
            keys.setSeed(seed);
            Result r = SecAggSimulation.run(s + 1, fleet.encoded, drops, k, Quantizer.DEFAULT_TARGET_BITS, keys, graph::set);
            String expectedFailure = oracle(graph.get(), drops, fleet.encoded.keySet());
            if (expectedFailure != null) fail(scenario + ": recovered a sum, but " + expectedFailure + " should be unrecoverable");
            assertEquals(after(drops, fleet.encoded.keySet(), Dropout.BEFORE_MASKED_INPUT), r.summed(), scenario);
            assertArrayEquals(fleet.plainSum(r.summed()), r.sum(), scenario);
            SecAggSimulationTest.assertMeanWithinBound(fleet, r);
            return "recovered" + suffix;
        } catch (SecAggException e) {
            String expectedFailure = graph.get() == null ? "advertised" : oracle(graph.get(), drops, fleet.encoded.keySet());
            assertNotNull(expectedFailure, scenario + ": aborted but the oracle says recoverable: " + e.getMessage());
            assertTrue(e.getMessage().contains(expectedFailure), scenario + ": expected to name " + expectedFailure + ", got " + e.getMessage());
            return "aborted" + suffix;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Independently of the simulation: the first node (survivors first, then dropped ones, each in id order)
     * whose secret needs t shares from responding neighbours and has fewer; or null if the round is recoverable.
     */
    private static String oracle(NeighbourGraph graph, Map<String, Dropout> drops, Set<String> all) {
        Set<String> u2 = after(drops, all, Dropout.BEFORE_SHARE_KEYS);
        Set<String> u3 = after(drops, all, Dropout.BEFORE_MASKED_INPUT);
        Set<String> u4 = after(drops, all, Dropout.BEFORE_UNMASK);
        if (u3.isEmpty()) return "no masked input";
        int t = graph.degree() / 2 + 1;
        for (String w : u3) if (count(graph.neighbours(w), u4) < t) return "self-mask seed of " + w + ":";
        for (String v : u2) {
            if (u3.contains(v) || count(graph.neighbours(v), u3) == 0) continue;
            if (count(graph.neighbours(v), u4) < t) return "mask key of " + v + ":";
        }
        return null;
    }

    /** The nodes still in the round at {@code stage}: not dropped before it or before an earlier stage. */
    private static Set<String> after(Map<String, Dropout> drops, Set<String> all, Dropout stage) {
        Set<String> in = new TreeSet<>();
        for (String id : all) {
            Dropout d = drops.getOrDefault(id, Dropout.NONE);
            if (d == Dropout.NONE || d.ordinal() > stage.ordinal()) in.add(id);
        }
        return in;
    }

    private static int count(Set<String> nodes, Set<String> in) {
        int c = 0;
        for (String id : nodes) if (in.contains(id)) c++;
        return c;
    }
}
