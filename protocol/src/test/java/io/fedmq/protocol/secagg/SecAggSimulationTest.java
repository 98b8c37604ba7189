package io.fedmq.protocol.secagg;

import static io.fedmq.protocol.secagg.SecAggSimulation.Dropout.BEFORE_ADVERTISE;
import static io.fedmq.protocol.secagg.SecAggSimulation.Dropout.BEFORE_MASKED_INPUT;
import static io.fedmq.protocol.secagg.SecAggSimulation.Dropout.BEFORE_SHARE_KEYS;
import static io.fedmq.protocol.secagg.SecAggSimulation.Dropout.BEFORE_UNMASK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.secagg.SecAggSimulation.Dropout;
import io.fedmq.protocol.secagg.SecAggSimulation.Result;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SecAggSimulationTest {
    private static final int BITS = Quantizer.DEFAULT_TARGET_BITS;
    private final SecureRandom random = new SecureRandom();

    @Test
    void recoversTheExactSumWhenNobodyDrops() throws Exception {
        Fleet fleet = new Fleet(12, 300, new SplittableRandom(1));
        Result r = SecAggSimulation.run(1, fleet.encoded, Map.of(), 6, BITS, random);
        assertEquals(fleet.encoded.keySet(), r.summed());
        assertEquals(6, r.graph().degree());
        assertEquals(4, r.threshold());
        assertArrayEquals(fleet.plainSum(r.summed()), r.sum());
        assertMeanWithinBound(fleet, r);
    }

    @Test
    void leavesOutNodesThatDropBeforeSharingKeys() throws Exception {
        Fleet fleet = new Fleet(10, 50, new SplittableRandom(2));
        Map<String, Dropout> drops = Map.of("node-03", BEFORE_ADVERTISE, "node-07", BEFORE_SHARE_KEYS);
        Result r = SecAggSimulation.run(2, fleet.encoded, drops, 4, BITS, random);
        assertEquals(8, r.summed().size());
        assertEquals(9, r.graph().nodes().size(), "node-03 never advertised, so it is not in the graph");
        assertArrayEquals(fleet.plainSum(r.summed()), r.sum());
    }

    @Test
    void dropsOutNodeAfterSharesAndStillRecoversTheSum() throws Exception {
        Fleet fleet = new Fleet(10, 50, new SplittableRandom(3));
        Map<String, Dropout> drops = Map.of("node-02", BEFORE_MASKED_INPUT, "node-05", BEFORE_MASKED_INPUT);
        Result r = SecAggSimulation.run(3, fleet.encoded, drops, 6, BITS, random);
        assertEquals(8, r.summed().size());
        assertTrue(!r.summed().contains("node-02") && !r.summed().contains("node-05"));
        assertArrayEquals(fleet.plainSum(r.summed()), r.sum(), "the survivors' masks for the two were rebuilt and removed");
        assertMeanWithinBound(fleet, r);
    }

    @Test
    void keepsTheInputOfANodeThatDropsAfterUploading() throws Exception {
        Fleet fleet = new Fleet(10, 50, new SplittableRandom(4));
        Result r = SecAggSimulation.run(4, fleet.encoded, Map.of("node-09", BEFORE_UNMASK), 6, BITS, random);
        assertEquals(fleet.encoded.keySet(), r.summed(), "its upload counts; its neighbours unmask it");
        assertArrayEquals(fleet.plainSum(r.summed()), r.sum());
    }

    @Test
    void survivesDropoutsAtEveryStageInOneRound() throws Exception {
        Fleet fleet = new Fleet(30, 200, new SplittableRandom(5));
        Map<String, Dropout> drops = Map.of("node-01", BEFORE_ADVERTISE, "node-04", BEFORE_SHARE_KEYS,
                "node-10", BEFORE_MASKED_INPUT, "node-22", BEFORE_MASKED_INPUT, "node-17", BEFORE_UNMASK);
        Result r = SecAggSimulation.run(5, fleet.encoded, drops, 10, BITS, random);
        assertEquals(26, r.summed().size());
        assertArrayEquals(fleet.plainSum(r.summed()), r.sum());
        assertMeanWithinBound(fleet, r);
    }

    @Test
    void worksForTheSmallestFleets() throws Exception {
        Fleet two = new Fleet(2, 5, new SplittableRandom(6));
        Result r = SecAggSimulation.run(6, two.encoded, Map.of(), 4, BITS, random);
        assertTrue(r.graph().isComplete());
        assertArrayEquals(two.plainSum(r.summed()), r.sum());
        Fleet three = new Fleet(3, 5, new SplittableRandom(7));
        Result r3 = SecAggSimulation.run(7, three.encoded, Map.of(), 4, BITS, random);
        assertEquals(2, r3.threshold());
        assertArrayEquals(three.plainSum(r3.summed()), r3.sum());
    }

    @Test
    void abortsNamingTheNodeWhenTooFewNeighboursCanUnmaskIt() {
        Fleet fleet = new Fleet(5, 20, new SplittableRandom(8)); // complete graph: k = 4, t = 3
        Map<String, Dropout> drops = Map.of("node-01", BEFORE_UNMASK, "node-02", BEFORE_UNMASK, "node-03", BEFORE_UNMASK);
        SecAggException e = assertThrows(SecAggException.class, () -> SecAggSimulation.run(8, fleet.encoded, drops, 4, BITS, random));
        assertTrue(e.getMessage().contains("self-mask seed of node-00: 1 of its neighbours answered, threshold is 3"), e.getMessage());
    }

    @Test
    void abortsRatherThanRevealOneNodeWhenItsOnlyPeerDrops() {
        Fleet two = new Fleet(2, 5, new SplittableRandom(9));
        SecAggException e = assertThrows(SecAggException.class,
                () -> SecAggSimulation.run(9, two.encoded, Map.of("node-01", BEFORE_MASKED_INPUT), 1, BITS, random));
        assertTrue(e.getMessage().contains("node-00"), e.getMessage());
    }

    @Test
    void aNodeNeverRevealsBothKindsOfShareForOnePeer() throws Exception {
        long round = 10;
        List<SimulatedNode> nodes = new ArrayList<>();
        Map<String, SimulatedNode.Advert> adverts = new java.util.TreeMap<>();
        for (String id : List.of("a", "b", "c")) {
            SimulatedNode n = new SimulatedNode(id, round, new long[] {1, 2}, BITS, random);
            nodes.add(n);
            adverts.put(id, n.advertise());
        }
        NeighbourGraph graph = NeighbourGraph.build(List.of("a", "b", "c"), 2, new byte[] {1});
        for (SimulatedNode from : nodes) {
            Map<String, byte[]> out = from.shareKeys(graph, adverts, 2).ciphertexts();
            for (SimulatedNode to : nodes) if (out.containsKey(to.id())) to.receive(from.id(), out.get(to.id()));
        }
        SimulatedNode a = nodes.get(0);
        assertEquals(Set.of("b"), a.unmask(new TreeSet<>(Set.of("b")), Set.of()).keySet());
        SecAggException e = assertThrows(SecAggException.class, () -> a.unmask(Set.of(), Set.of("b")));
        assertTrue(e.getMessage().contains("refusing its mask-key share"), e.getMessage());
        assertThrows(SecAggException.class, () -> a.unmask(Set.of("z"), Set.of()), "holds no shares from z");
    }

    @Test
    void aCorruptedShareAbortsTheRoundInsteadOfGivingAWrongSum() throws Exception {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        Map<Integer, byte[]> shares = new java.util.HashMap<>(Shamir.split(seed, 2, List.of(1, 2, 3), random));
        byte[] commitment = Masking.selfSeedCommitment(11, "node-00", seed);
        assertArrayEquals(seed, SecAggSimulation.rebuildSelfSeed(11, "node-00", shares, 2, commitment));
        byte[] bad = shares.get(1).clone();
        bad[65] ^= 1; // a small shift: Shamir's range check alone would accept it
        shares.put(1, bad);
        SecAggException e = assertThrows(SecAggException.class, () -> SecAggSimulation.rebuildSelfSeed(11, "node-00", shares, 2, commitment));
        assertTrue(e.getMessage().contains("does not match its commitment"), e.getMessage());

        var pair = KeyPairs.generate(random);
        Map<Integer, byte[]> keyShares = new java.util.HashMap<>(Shamir.split(KeyPairs.privateBytes(pair.getPrivate()), 2, List.of(1, 2, 3), random));
        byte[] advertised = KeyPairs.publicBytes(pair.getPublic());
        assertArrayEquals(advertised, KeyPairs.derivePublic(SecAggSimulation.rebuildMaskKey(11, "node-01", keyShares, 2, advertised)));
        byte[] badKey = keyShares.get(2).clone();
        badKey[65] ^= 1; // Lagrange weight of x=2 among {1, 2} is -1: the key moves by 1 and stays in range
        keyShares.put(2, badKey);
        keyShares.remove(3);
        e = assertThrows(SecAggException.class, () -> SecAggSimulation.rebuildMaskKey(11, "node-01", keyShares, 2, advertised));
        assertTrue(e.getMessage().contains("does not match its advertised key"), e.getMessage());
    }

    static void assertMeanWithinBound(Fleet fleet, Result r) {
        long[] sum = r.sum();
        float[] mean = fleet.quantizer.decodeMean(sum, r.summed().size());
        double[] exact = fleet.exactMean(r.summed());
        double bound = fleet.quantizer.errorBound(r.summed().size(), sum[sum.length - 1]);
        for (int i = 0; i < exact.length; i++) {
            assertTrue(Math.abs(mean[i] - exact[i]) <= bound, "value " + i + ": " + mean[i] + " vs " + exact[i] + " (bound " + bound + ")");
        }
    }
}
