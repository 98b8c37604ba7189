package io.fedmq.node.lights;

import static io.fedmq.node.lights.Led.BLUE;
import static io.fedmq.node.lights.Led.GREEN;
import static io.fedmq.node.lights.Led.YELLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatternTest {
    @Test
    void aBlinkAlternatesAndLoops() {
        Pattern p = Pattern.blink("b", 500, 300, YELLOW);
        assertEquals(Set.of(YELLOW), p.litAt(0));
        assertEquals(Set.of(YELLOW), p.litAt(499));
        assertEquals(Set.of(), p.litAt(500));
        assertEquals(Set.of(), p.litAt(799));
        assertEquals(Set.of(YELLOW), p.litAt(800));
        assertEquals(Set.of(), p.litAt(8 * 800 + 650));
    }

    @Test
    void nextChangeIsTheEndOfTheCurrentFrame() {
        Pattern p = Pattern.blink("b", 500, 300, YELLOW);
        assertEquals(500, p.nextChangeIn(0));
        assertEquals(1, p.nextChangeIn(499));
        assertEquals(300, p.nextChangeIn(500));
        assertEquals(200, p.nextChangeIn(800 + 300));
    }

    @Test
    void aSolidPatternNeverNeedsAWakeUp() {
        Pattern p = Pattern.solid("s", GREEN, BLUE);
        assertEquals(Set.of(GREEN, BLUE), p.litAt(123_456_789));
        assertEquals(Pattern.NEVER, p.nextChangeIn(0));
    }

    @Test
    void aPlayOncePatternEndsDark() {
        Pattern p = new Pattern("once", List.of(new Pattern.Frame(Set.of(GREEN), 100), new Pattern.Frame(Set.of(), 100)), false);
        assertFalse(p.isOver(199));
        assertTrue(p.isOver(200));
        assertEquals(Set.of(GREEN), p.litAt(50));
        assertEquals(Set.of(), p.litAt(250));
        assertEquals(1, p.nextChangeIn(199));
        assertEquals(Pattern.NEVER, p.nextChangeIn(200));
    }

    @Test
    void rejectsPatternsThatCannotBeShown() {
        assertThrows(IllegalArgumentException.class, () -> new Pattern("empty", List.of(), true));
        assertThrows(IllegalArgumentException.class, () -> new Pattern.Frame(Set.of(GREEN), 0));
        assertThrows(IllegalArgumentException.class, () -> Pattern.solid("s", GREEN).litAt(-1));
    }

    @Test
    void everyStateHasItsOwnLookAtItsFirstFrames() {
        // Told apart across a room: no two activities share both colour and rhythm.
        assertEquals(Set.of(GREEN), StatusPatterns.IDLE.litAt(0));
        assertEquals(3000, StatusPatterns.IDLE.period());
        assertEquals(Set.of(YELLOW), StatusPatterns.TRAINING.litAt(0));
        assertEquals(Set.of(BLUE), StatusPatterns.UPLOADING.litAt(0));
        assertEquals(Set.of(BLUE), StatusPatterns.EVALUATING.litAt(250));
        assertEquals(Set.of(Led.RED), StatusPatterns.ERROR.litAt(0));
        assertEquals(900, StatusPatterns.ACCEPTED.period());
    }
}
