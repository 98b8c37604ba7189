package io.fedmq.orchestrator;

import io.fedmq.orchestrator.ModelRecord.Status;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.Topics;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.Transport.TransportException;
import io.fedmq.protocol.WireCodec;
import java.io.IOException;
import java.util.List;

/**
 * The operator's view of the model trail: what is stored, which version the fleet runs, and rolling back to an
 * earlier accepted version. A rollback moves the store's pointer under its lock, so a running orchestrator
 * either finished its verdict first or voids it, and adopts the rolled-back model at its next round.
 */
public final class ModelTrail {
    private final ModelStore store;

    public ModelTrail(ModelStore store) { this.store = store; }

    public ModelStore store() { return store; }

    /** Every record, oldest first. */
    public List<ModelRecord> list() throws IOException { return store.list(); }

    /** The version the fleet should run, 0 when the trail is empty. */
    public long current() throws IOException { return store.acceptedVersion().orElse(0); }

    /** History lines that name {@code version}. */
    public List<String> historyOf(long version) throws IOException {
        String v = "v" + version;
        return store.history().stream().filter(l -> l.matches(".*\\b" + v + "\\b.*")).toList();
    }

    /**
     * Makes {@code version} the accepted model again, on disk.
     *
     * @return the version that was accepted before
     * @throws IllegalArgumentException when the version is unknown or never passed the gate
     */
    public long rollback(long version) throws IOException {
        return store.locked(() -> {
            ModelRecord r = store.record(version).orElseThrow(() ->
                    new IllegalArgumentException("no model v" + version + " in " + store.dir() + "; see 'fedmq models list'"));
            if (r.status() != Status.ACCEPTED && r.status() != Status.INITIAL) {
                throw new IllegalArgumentException("v" + version + " was never accepted (" + r.status() + ": " + r.reason()
                        + "); only a version that passed the gate can be rolled back to");
            }
            store.load(version); // checks the stored model against its hash before the fleet is pointed at it
            long previous = current();
            if (previous == version) return previous;
            store.markAccepted(version);
            store.appendHistory("rolled back to v" + version + " from v" + previous + " by an operator");
            return previous;
        });
    }

    /**
     * Publishes the accepted model on its retained topic, then the retained pointer that tells the nodes to
     * run it; the orchestrator does the same at start and after every accepted round.
     */
    public static void publishAccepted(Transport transport, Topics topics, WireCodec codec, GlobalModel model, ModelRecord record,
                                       long epoch) throws TransportException {
        transport.publish(topics.model(model.version()), codec.encode(model), true);
        AcceptedModel pointer = new AcceptedModel(model.version(), model.hash(), record.round(), record.accuracy(), epoch);
        transport.publish(topics.acceptedModel(), codec.encode(pointer), true);
    }

    /** Tells the fleet about a rollback: the model and pointer, and clears the superseded model's retained topic. */
    public void announce(Transport transport, Topics topics, WireCodec codec, long previous) throws IOException, TransportException {
        long v = current();
        publishAccepted(transport, topics, codec, store.load(v), store.record(v).orElseThrow(), store.acceptedEpoch());
        if (previous != v && previous != 0) transport.clearRetained(topics.model(previous));
    }
}
