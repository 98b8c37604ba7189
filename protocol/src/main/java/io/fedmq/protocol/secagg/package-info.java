/**
 * The pure math of SecAgg+ (Bell et al. 2020, on Bonawitz et al. 2017): how a node masks its update so that
 * the orchestrator can recover only the sum over the round's survivors. No transport and no I/O; only the
 * JDK's cryptography.
 *
 * <p>The pieces, in the order a round uses them: {@link io.fedmq.protocol.secagg.KeyPairs} (two X25519 pairs
 * per node and round), {@link io.fedmq.protocol.secagg.NeighbourGraph} (who exchanges shares with whom, and
 * the degree and threshold), {@link io.fedmq.protocol.secagg.Shamir} and
 * {@link io.fedmq.protocol.secagg.ShareCipher} (shares of each node's self-mask seed and mask key, encrypted
 * per neighbour), {@link io.fedmq.protocol.secagg.Quantizer} (fixed point with the weight inside the vector),
 * {@link io.fedmq.protocol.secagg.PairwiseSeeds}, {@link io.fedmq.protocol.secagg.MaskGenerator} and
 * {@link io.fedmq.protocol.secagg.Masking} (the masks), {@link io.fedmq.protocol.secagg.BitPacking} (the
 * wire form), and {@link io.fedmq.protocol.secagg.UnmaskGuard} (the node-side rule that keeps it secure).
 * {@link io.fedmq.protocol.secagg.SecAggSimulation} runs a whole round in memory.
 *
 * <p>Threat model: an honest-but-curious orchestrator, any number of dropouts (a round that cannot be
 * unmasked aborts), and fewer than t of any node's neighbours colluding with the orchestrator. Against an orchestrator that lies to different nodes about who
 * survived, the protocol additionally needs signed key adverts and a consistency round (Bonawitz et al.,
 * section 4.2), which this package does not provide.
 */
package io.fedmq.protocol.secagg;
