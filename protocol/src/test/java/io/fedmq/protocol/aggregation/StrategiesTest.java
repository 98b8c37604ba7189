package io.fedmq.protocol.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StrategiesTest {
    private static final Strategies.Knobs KNOBS = new Strategies.Knobs(0.05, 0.02, 0.8, 0.95, 1e-4);

    @Test
    void everyListedNameBuildsTheStrategyOfThatName() {
        for (String name : Strategies.NAMES) assertEquals(name, Strategies.create(name, KNOBS).name());
        assertEquals("fedadam", Strategies.create(" FedAdam ", KNOBS).name());
    }

    @Test
    void eachStrategyGetsItsOwnKnobs() {
        assertEquals(0.05, Strategies.create("fedprox", KNOBS).proximalMu());
        assertEquals(0, Strategies.create("fedavg", KNOBS).proximalMu());
        FedYogi yogi = assertInstanceOf(FedYogi.class, Strategies.create("fedyogi", KNOBS));
        assertEquals(0.02, yogi.serverLr());
        assertEquals(0.8, yogi.beta1());
        assertEquals(0.95, yogi.beta2());
        assertEquals(1e-4, yogi.tau());
        assertEquals(0.02, assertInstanceOf(FedAdam.class, Strategies.create("fedadam", KNOBS)).serverLr());
    }

    @Test
    void anUnusedKnobIsNeverAnError() {
        Strategies.Knobs nonsense = new Strategies.Knobs(-1, -1, 7, 7, -1);
        assertEquals("fedavg", Strategies.create("fedavg", nonsense).name());
        assertThrows(IllegalArgumentException.class, () -> Strategies.create("fedprox", nonsense));
        assertThrows(IllegalArgumentException.class, () -> Strategies.create("fedadam", nonsense));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategies.create("fedsgd", KNOBS));
        assertTrue(e.getMessage().contains("unknown strategy 'fedsgd'"), e.getMessage());
        assertTrue(e.getMessage().contains("fedavg, fedprox, fedadam, fedyogi"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Strategies.create(null, KNOBS));
    }
}
