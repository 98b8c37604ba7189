package io.fedmq.orchestrator;

import io.fedmq.orchestrator.ModelRecord.Status;
import io.fedmq.orchestrator.RoundJournal.Checkpoint;
import io.fedmq.orchestrator.RoundJournal.Step;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a (re)starting orchestrator does with the trail it finds: finishes a verdict that reached the disk but
 * not the pointer, closes an interrupted round without keeping anything from it, and marks every candidate
 * that never got a verdict as abandoned. Runs before the orchestrator talks to anyone.
 */
final class Resume {
    private static final Logger log = LoggerFactory.getLogger(Resume.class);

    /** The checkpoint to go on from, and the candidates whose retained model topics should be cleared. */
    record Outcome(Checkpoint checkpoint, List<Long> abandoned) {}

    private Resume() {}

    static Outcome recover(ModelStore store, RoundJournal journal) throws IOException {
        return store.locked(() -> {
            Checkpoint c = journal.read().isPresent() ? journal.read().get() : fromRecords(store);
            boolean counts = false;
            if (c.interrupted()) {
                counts = finishVerdict(store, c);
                if (!counts) {
                    String what = "round " + c.round() + " was interrupted during " + c.step().name().toLowerCase()
                            + " by an orchestrator stop; nothing from it was kept, the next round starts afresh";
                    log.warn(what);
                    store.appendHistory(what);
                }
            }
            List<Long> abandoned = new ArrayList<>();
            for (ModelRecord r : store.list()) {
                if (r.status() == Status.CANDIDATE) {
                    store.saveRecord(r.withVerdict(Status.ABANDONED, "the orchestrator stopped before the verdict of round " + r.round()));
                    store.appendHistory("v" + r.version() + " abandoned: round " + r.round() + " ended without a verdict");
                    abandoned.add(r.version());
                }
            }
            Checkpoint resumed = c.interrupted() ? journal.write(c.done(counts)) : c;
            return new Outcome(resumed, abandoned);
        });
    }

    /**
     * A verdict is written to the candidate's record before the pointer moves; a crash in between leaves an
     * ACCEPTED record the pointer does not name yet. Completes it, unless an operator rolled back meanwhile.
     *
     * @return whether the interrupted round had reached its verdict (and so counts as finished)
     */
    private static boolean finishVerdict(ModelStore store, Checkpoint c) throws IOException {
        if (c.candidate() == 0) return false;
        ModelRecord r = store.record(c.candidate()).orElse(null);
        if (r == null || r.status() == Status.CANDIDATE || r.status() == Status.ABANDONED) return false;
        if (r.status() == Status.ACCEPTED) {
            OptionalLong pointer = store.acceptedVersion();
            if (pointer.isPresent() && pointer.getAsLong() == c.base()) {
                store.markAccepted(c.candidate());
                store.appendHistory("accepted v" + c.candidate() + " in round " + c.round() + " (completed after a restart)");
                log.info("round {}: completed the acceptance of v{} that a stop interrupted", c.round(), c.candidate());
            } else if (pointer.isEmpty() || pointer.getAsLong() != c.candidate()) {
                store.saveRecord(r.withVerdict(Status.REJECTED, "superseded: the accepted model changed to v"
                        + pointer.orElse(0) + " before this verdict was published"));
            }
        }
        return true;
    }

    /** A trail from before checkpoints existed: every round with a record finished. */
    private static Checkpoint fromRecords(ModelStore store) throws IOException {
        List<ModelRecord> records = store.list();
        long last = records.stream().mapToLong(ModelRecord::round).max().orElse(0);
        int done = (int) records.stream().mapToLong(ModelRecord::round).filter(r -> r > 0).distinct().count();
        return new Checkpoint(last, Step.DONE, store.acceptedVersion().orElse(0), List.of(), 0, done);
    }
}
