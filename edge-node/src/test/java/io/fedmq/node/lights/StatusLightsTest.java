package io.fedmq.node.lights;

import static io.fedmq.node.lights.Led.BLUE;
import static io.fedmq.node.lights.Led.GREEN;
import static io.fedmq.node.lights.Led.RED;
import static io.fedmq.node.lights.Led.YELLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.node.Learner;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.NodeStatus.State;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusLightsTest {
    private static final String HASH = "ab".repeat(32);

    private final ManualScheduler clock = new ManualScheduler();
    private final RecordingLeds leds = new RecordingLeds(clock);
    private final StatusLights lights = new StatusLights(leds, clock);

    private static AcceptedModel accepted(long version) { return new AcceptedModel(version, HASH, version - 1, 0.5); }

    @Test
    void idleIsAGreenDoubleBlipEveryThreeSeconds() {
        assertEquals(Set.of(GREEN), leds.lit());
        clock.advance(100);
        assertEquals(Set.of(), leds.lit());
        clock.advance(150);
        assertEquals(Set.of(GREEN), leds.lit());
        clock.advance(100);
        assertEquals(Set.of(), leds.lit());
        clock.advance(2649);
        assertEquals(Set.of(), leds.lit());
        clock.advance(1);
        assertEquals(Set.of(GREEN), leds.lit());
        long from = clock.nowMillis();
        clock.advance(30_000);
        assertEquals(20, leds.turnOns(GREEN, from + 1), "two blips in each of ten periods");
    }

    @Test
    void trainingBlinksYellowEveryHalfSecond() {
        lights.onState(State.TRAINING);
        assertEquals(Set.of(YELLOW), leds.lit());
        clock.advance(500);
        assertEquals(Set.of(), leds.lit());
        clock.advance(500);
        assertEquals(Set.of(YELLOW), leds.lit());
    }

    @Test
    void uploadingBlinksBlueFast() {
        lights.onState(State.UPLOADING);
        long from = clock.nowMillis();
        assertEquals(Set.of(BLUE), leds.lit());
        clock.advance(100);
        assertEquals(Set.of(), leds.lit());
        clock.advance(900);
        assertEquals(6, leds.turnOns(BLUE, from), "on at 0, 200, 400, 600, 800 and 1000 ms");
    }

    @Test
    void evaluatingAlternatesYellowAndBlue() {
        lights.onState(State.EVALUATING);
        assertEquals(Set.of(YELLOW), leds.lit());
        clock.advance(250);
        assertEquals(Set.of(BLUE), leds.lit());
        clock.advance(250);
        assertEquals(Set.of(YELLOW), leds.lit());
    }

    @Test
    void aNewModelFlashesGreenThreeTimesThenTheStatePatternResumes() {
        lights.onState(State.TRAINING);
        clock.advance(100);
        long from = clock.nowMillis();
        lights.onAccepted(accepted(2));
        assertEquals(Set.of(GREEN), leds.lit(), "the flash replaces the state pattern");
        clock.advance(899);
        assertEquals(3, leds.turnOns(GREEN, from));
        assertEquals(0, leds.turnOns(YELLOW, from));
        clock.advance(1);
        // training started 1000 ms ago: its second period has just begun
        assertEquals(Set.of(YELLOW), leds.lit());
        clock.advance(5_000);
        assertEquals(3, leds.turnOns(GREEN, from), "no more flashes");
    }

    @Test
    void theSameModelDeliveredAgainDoesNotFlash() {
        lights.onAccepted(accepted(2));
        clock.advance(1_000);
        long from = clock.nowMillis();
        lights.onState(State.TRAINING);
        lights.onAccepted(accepted(2));   // the retained pointer again, after a reconnect
        lights.onAccepted(accepted(1));   // an older one, out of order
        clock.advance(1_000);
        assertEquals(0, leds.turnOns(GREEN, from));
    }

    @Test
    void anErrorStaysRedThroughTheRetryUntilGoodWorkClearsIt() {
        lights.onState(State.TRAINING);
        lights.onState(State.ERROR);
        assertEquals(Set.of(RED), leds.lit());
        clock.advance(3_600_000);
        assertEquals(Set.of(RED), leds.lit(), "an hour later, still red");

        lights.onState(State.TRAINING);   // the next round: not yet proof that the cause has cleared
        assertEquals(Set.of(RED, YELLOW), leds.lit());
        clock.advance(500);
        assertEquals(Set.of(RED), leds.lit());
        assertTrue(lights.errorLatched());

        lights.onTrained(2, new Learner.TrainOutcome(new float[1], 10, 0.5));
        assertEquals(Set.of(), leds.lit(), "red off; yellow is in its dark half");
        clock.advance(500);
        assertEquals(Set.of(YELLOW), leds.lit());
    }

    @Test
    void aSuccessfulEvaluationClearsTheErrorToo() {
        lights.onState(State.ERROR);
        lights.onState(State.EVALUATING);
        lights.onEvaluated(3, new Learner.EvalOutcome(5, 0.4, 0.8));
        lights.onState(State.IDLE);
        assertEquals(Set.of(GREEN), leds.lit());
    }

    @Test
    void solidLightsScheduleNoWakeUps() {
        lights.onState(State.ERROR);
        assertEquals(0, clock.pendingCount());
        lights.onState(State.TRAINING);
        assertEquals(1, clock.pendingCount(), "one wake-up, replaced, never piled up");
        clock.advance(10_000);
        assertEquals(1, clock.pendingCount());
    }

    @Test
    void writesOnlyChanges() {
        int before = leds.changes().size();
        lights.onState(State.IDLE);   // same state: the heartbeat goes on undisturbed
        lights.onState(State.IDLE);
        assertEquals(before, leds.changes().size());
    }

    @Test
    void aFailingPinNeverReachesTheNode() {
        leds.failing = true;
        lights.onState(State.TRAINING);   // must not throw into the node's worker thread
        clock.advance(2_000);
        leds.failing = false;
        clock.advance(1_000);   // training began 3 s ago: yellow's lit half
        assertEquals(Set.of(YELLOW), leds.lit(), "it recovers when the pin does");
    }

    @Test
    void closingDarkensEveryLedAndStopsTheBlinking() {
        lights.onState(State.UPLOADING);
        lights.close();
        assertEquals(Set.of(), leds.lit());
        assertTrue(leds.closed);
        int changes = leds.changes().size();
        lights.onState(State.TRAINING);
        clock.advance(5_000);
        assertEquals(changes, leds.changes().size());
    }
}
