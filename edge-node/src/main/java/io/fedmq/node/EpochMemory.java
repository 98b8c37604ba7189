package io.fedmq.node;

/**
 * Where a node keeps the epoch of the newest accepted-model pointer it followed, so that after a restart it still
 * refuses an older pointer a broker replays (see {@link io.fedmq.protocol.AcceptedModel#epoch()}). The node's
 * state folder on a Pi; nothing for the demo's in-process nodes.
 */
public interface EpochMemory {
    /** Remembers nothing: the node trusts the first pointer it sees after a start. */
    EpochMemory NONE = new EpochMemory() {
        @Override public long load() { return 0; }
        @Override public void save(long epoch) { }
    };

    /** The highest epoch followed so far; 0 when none. */
    long load();

    /** Called after the node followed a pointer of a higher epoch. */
    void save(long epoch);
}
