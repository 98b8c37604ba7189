package io.fedmq.orchestrator;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The orchestrator's checkpoint: where the current round stands, rewritten atomically at every phase boundary
 * ({@code ROUND} in the model folder). After a crash it tells the restarted orchestrator which round was
 * interrupted and in which phase, which candidate (if any) was waiting for a verdict, and how many rounds are
 * finished. Round numbers are never reused: an interrupted round is closed and the work goes on in a new one,
 * so no node ever sees the same round twice and no round is aggregated twice.
 */
final class RoundJournal {
    /** Where a round stands: before any phase, one of the announced phases, or finished. */
    enum Step { STARTED, TRAINING, SHARING, MASKING, UNMASKING, EVALUATING, DONE }

    /**
     * @param round      the round
     * @param step       how far it got
     * @param base       the accepted version when it started: a verdict is void if the pointer moved meanwhile
     * @param selected   the nodes of its current phase
     * @param candidate  its candidate version, 0 before aggregation
     * @param completed  rounds finished so far, this one included once it is DONE; interrupted rounds do not count
     */
    record Checkpoint(long round, Step step, long base, List<String> selected, long candidate, int completed) {
        Checkpoint {
            selected = List.copyOf(selected);
        }

        Checkpoint at(Step s, List<String> participants) { return new Checkpoint(round, s, base, participants, candidate, completed); }

        Checkpoint withCandidate(long v) { return new Checkpoint(round, step, base, selected, v, completed); }

        Checkpoint done(boolean counts) { return new Checkpoint(round, Step.DONE, base, selected, candidate, completed + (counts ? 1 : 0)); }

        boolean interrupted() { return step != Step.DONE; }
    }

    private final ModelStore store;

    RoundJournal(ModelStore store) { this.store = store; }

    Optional<Checkpoint> read() throws IOException {
        Properties p = ModelStore.readProperties(store.journalFile());
        if (p.isEmpty()) return Optional.empty();
        try {
            String nodes = p.getProperty("selected", "");
            return Optional.of(new Checkpoint(Long.parseLong(p.getProperty("round")), Step.valueOf(p.getProperty("step")),
                    Long.parseLong(p.getProperty("base")), nodes.isEmpty() ? List.of() : Arrays.asList(nodes.split(",")),
                    Long.parseLong(p.getProperty("candidate")), Integer.parseInt(p.getProperty("completed"))));
        } catch (RuntimeException e) {
            throw new IOException("round checkpoint " + store.journalFile() + " is damaged (" + e + "); fix or remove it", e);
        }
    }

    Checkpoint write(Checkpoint c) throws IOException {
        Properties p = new Properties();
        p.setProperty("round", Long.toString(c.round()));
        p.setProperty("step", c.step().name());
        p.setProperty("base", Long.toString(c.base()));
        p.setProperty("selected", String.join(",", c.selected()));
        p.setProperty("candidate", Long.toString(c.candidate()));
        p.setProperty("completed", Integer.toString(c.completed()));
        p.setProperty("updated", Instant.now().toString());
        store.writeProperties(store.journalFile(), p, "fedmq round checkpoint: where the orchestrator stands");
        return c;
    }
}
