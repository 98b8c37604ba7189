package io.fedmq.orchestrator;

import io.fedmq.protocol.Blob;
import io.fedmq.protocol.EncryptedShares;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.KeyAdvertisement;
import io.fedmq.protocol.KeyRoster;
import io.fedmq.protocol.MaskedInput;
import io.fedmq.protocol.RoundState.Phase;
import io.fedmq.protocol.SecAggParams;
import io.fedmq.protocol.ShareBundle;
import io.fedmq.protocol.Stage;
import io.fedmq.protocol.Transport.TransportException;
import io.fedmq.protocol.UnmaskRequest;
import io.fedmq.protocol.UnmaskShares;
import io.fedmq.protocol.secagg.BitPacking;
import io.fedmq.protocol.secagg.Masking;
import io.fedmq.protocol.secagg.NeighbourGraph;
import io.fedmq.protocol.secagg.Quantizer;
import io.fedmq.protocol.secagg.SecAggException;
import io.fedmq.protocol.secagg.SecAggRound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's side of SecAgg+ (Bell et al. 2020, on Bonawitz et al. 2017): keys, shares, masked input,
 * unmask, each with a deadline. It relays what the nodes exchange, adds up masked vectors as they arrive (each
 * is uniformly random on its own and is dropped once added), and recovers only the sum: the self masks of the
 * survivors and the pairwise masks that dropped nodes left behind, from their neighbours' Shamir shares.
 * Fewer than t survivors, or a secret that cannot be rebuilt and checked, aborts the round: never a partial sum.
 */
final class SecureAggregation implements Aggregation {
    private static final Logger log = LoggerFactory.getLogger(SecureAggregation.class);
    /** Below three, the sum and one's own update give away the other's: secure aggregation would be theatre. */
    static final int MIN_NODES = 3;

    private final Announcer announcer;
    private final Collector collector;
    private final SecureAggregationConfig config;
    private final Duration trainDeadline;

    SecureAggregation(Announcer announcer, Collector collector, SecureAggregationConfig config, Duration trainDeadline) {
        this.announcer = announcer;
        this.collector = collector;
        this.config = config;
        this.trainDeadline = trainDeadline;
    }

    @Override
    public Aggregate run(long round, GlobalModel global, List<String> selected) throws TransportException, InterruptedException, Failed {
        if (selected.size() < MIN_NODES) throw new Failed("secure aggregation needs at least " + MIN_NODES + " nodes, " + selected.size() + " selected", 0, null);
        long trainingEnds = System.nanoTime() + trainDeadline.toNanos();
        int d = global.parameters().size();
        Quantizer quantizer;
        try {
            quantizer = Quantizer.forNodes(selected.size(), config.clip(), config.maxWeight(), config.targetBits());
        } catch (IllegalArgumentException e) {
            throw new Failed("cannot encode updates for " + selected.size() + " nodes: " + e.getMessage(), 0, null);
        }
        SecAggParams announced = params(selected.size(), quantizer);

        // Stage 1: train, and advertise keys meanwhile.
        announcer.phase(round, Phase.TRAINING, global, selected, trainDeadline, announced);
        SortedMap<String, KeyAdvertisement> keys = new TreeMap<>();
        collector.collect(round, Stage.KEYS, KeyAdvertisement.class, selected, config.keysDeadline(), k -> {
            keys.put(k.nodeId(), k);
            return null;
        });
        List<String> u1 = List.copyOf(keys.keySet());
        if (u1.size() < MIN_NODES) throw new Failed("only " + u1.size() + " nodes advertised keys; need " + MIN_NODES, 0, null);
        SecAggParams params = params(u1.size(), quantizer);
        KeyRoster roster = new KeyRoster(round, List.copyOf(keys.values()));
        NeighbourGraph graph = SecAggRound.graph(roster, params.degree());
        log.info("round {}: secure aggregation over {} nodes, k={}, t={}, {} bits per value", round, u1.size(), params.degree(),
                params.threshold(), params.modulusBits());

        // Stage 2: share keys, relayed node by node.
        announcer.publish(announcer.topics().stage(round, Stage.KEYS), roster, false);
        announcer.phase(round, Phase.SHARING, global, u1, config.sharesDeadline(), params);
        SortedMap<String, EncryptedShares> shares = new TreeMap<>();
        collector.collect(round, Stage.SHARES, EncryptedShares.class, u1, config.sharesDeadline(), s -> {
            if (!s.byRecipient().keySet().equals(graph.neighbours(s.nodeId()))) return "shares must go to exactly the node's neighbours";
            shares.put(s.nodeId(), s);
            return null;
        });
        List<String> u2 = List.copyOf(shares.keySet());
        SecAggSummary partial = summary(selected.size(), params, 0, 0, 0, 0);
        if (u2.size() < params.threshold() || u2.size() < MIN_NODES) {
            throw new Failed(u2.size() + " nodes shared keys, need " + Math.max(params.threshold(), MIN_NODES), 0, partial);
        }
        for (String v : u2) {
            Map<String, Blob> forV = new TreeMap<>();
            shares.forEach((u, s) -> { Blob c = s.byRecipient().get(v); if (c != null) forV.put(u, c); });
            announcer.publish(announcer.topics().nodeInbox(v), new ShareBundle(round, v, forV), false);
        }

        // Stage 3: masked input, summed on arrival.
        Duration maskWindow = Duration.ofNanos(Math.max(trainingEnds - System.nanoTime(), config.sharesDeadline().toNanos()));
        announcer.phase(round, Phase.MASKING, global, u2, maskWindow, params);
        long[] sum = new long[d + 1];
        double[] loss = {0};
        Set<String> u3 = new TreeSet<>(collector.collect(round, Stage.MASKED, MaskedInput.class, u2, maskWindow, m -> {
            if (m.modelVersion() != global.version()) return "trained from v" + m.modelVersion() + ", round uses v" + global.version();
            if (m.bits() != params.modulusBits() || m.length() != d + 1) {
                return "masked input of " + m.length() + " x " + m.bits() + " bits, round needs " + (d + 1) + " x " + params.modulusBits();
            }
            try {
                Masking.addInto(sum, BitPacking.unpack(m.packed().toArray(), d + 1, params.modulusBits()), params.modulusBits());
            } catch (SecAggException e) {
                return e.getMessage();
            }
            loss[0] += m.trainLoss();
            return null;
        }));
        List<String> dropped = u2.stream().filter(n -> !u3.contains(n)).toList();
        if (u3.size() < params.threshold() || u3.size() < MIN_NODES) {
            throw new Failed(u3.size() + " masked inputs arrived, need " + Math.max(params.threshold(), MIN_NODES), 0,
                    summary(selected.size(), params, dropped.size(), 0, u3.size(), 0));
        }

        // Stage 4: unmask. Survivors reveal self-seed shares of survivors and key shares of the dropped, never both.
        announcer.publish(announcer.topics().stage(round, Stage.UNMASK), new UnmaskRequest(round, List.copyOf(u3), dropped), false);
        announcer.phase(round, Phase.UNMASKING, global, List.copyOf(u3), config.unmaskDeadline(), params);
        SecAggRound.Recovery recovery = new SecAggRound.Recovery(round, graph, params.threshold(), u3, dropped);
        collector.collect(round, Stage.UNMASK, UnmaskShares.class, u3, config.unmaskDeadline(), u -> {
            try {
                recovery.add(u.nodeId(), u.selfSeedShares(), u.keyShares());
                return null;
            } catch (SecAggException e) {
                return e.getMessage();
            }
        }, recovery::complete);
        long[] total;
        try {
            Map<String, byte[]> maskingKeys = new TreeMap<>();
            keys.forEach((n, k) -> maskingKeys.put(n, k.maskingKey().toArray()));
            Map<String, byte[]> commitments = new TreeMap<>();
            shares.forEach((n, s) -> commitments.put(n, s.selfSeedCommitment().toArray()));
            total = recovery.unmask(sum, params.modulusBits(), maskingKeys, commitments);
        } catch (SecAggException e) {
            throw new Failed("unmasking failed: " + e.getMessage(), 0, summary(selected.size(), params, dropped.size(), 0, u3.size(), 0));
        }
        float[] mean;
        try {
            mean = quantizer.decodeMean(total, u3.size());
        } catch (IllegalArgumentException e) {
            throw new Failed("the unmasked sum is inconsistent: " + e.getMessage(), 0, null);
        }
        double bytesPerParameter = BitPacking.packedLength(d + 1, params.modulusBits()) / (double) d;
        return new Aggregate(mean, u3.size(), loss[0] / u3.size(),
                summary(selected.size(), params, dropped.size(), dropped.size(), u3.size(), bytesPerParameter));
    }

    private SecAggParams params(int n, Quantizer q) {
        NeighbourGraph.Params p = NeighbourGraph.Params.choose(n, config.dropoutRate());
        return new SecAggParams(p.threshold(), p.k(), q.modulusBits(), q.quantBits(), q.clip(), q.maxWeight());
    }

    private static SecAggSummary summary(int n, SecAggParams p, int dropped, int recovered, int summed, double bytesPerParameter) {
        return new SecAggSummary(n, p.threshold(), p.degree(), dropped, recovered, summed, bytesPerParameter);
    }
}
