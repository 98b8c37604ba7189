package io.fedmq.node.lights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.fedmq.protocol.NodeStatus.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Pi4J adapter against Pi4J's own mock provider: the states of real {@link DigitalOutput}s. */
class Pi4jLedsTest {
    private static final Map<Led, Integer> PINS = Map.of(Led.RED, 17, Led.YELLOW, 27, Led.GREEN, 22, Led.BLUE, 23);

    private Pi4jLeds leds;

    @AfterEach
    void close() {
        if (leds != null) leds.close();
    }

    private static DigitalOutput output(Context context, Led led) {
        return context.registry().get("fedmq-led-" + led.name().toLowerCase(), DigitalOutput.class);
    }

    private Map<Led, DigitalState> pinStates() {
        Map<Led, DigitalState> s = new EnumMap<>(Led.class);
        for (Led led : Led.values()) s.put(led, output(leds.context(), led).state());
        return s;
    }

    private static Map<Led, DigitalState> high(Led... lit) {
        Map<Led, DigitalState> s = new EnumMap<>(Led.class);
        for (Led led : Led.values()) s.put(led, Set.of(lit).contains(led) ? DigitalState.HIGH : DigitalState.LOW);
        return s;
    }

    @Test
    void opensOneOutputPerLedOnItsBcmPinAllDark() throws Exception {
        leds = Pi4jLeds.open(Pi4jLeds.Provider.MOCK, PINS);
        for (Led led : Led.values()) {
            DigitalOutput out = output(leds.context(), led);
            assertEquals(PINS.get(led), out.address(), led + " pin");
            assertEquals(DigitalState.LOW, out.state(), led + " at start");
        }
    }

    @Test
    void theContextHoldsOnlyTheConfiguredProviderSoNothingCanShadowIt() throws Exception {
        leds = Pi4jLeds.open(Pi4jLeds.Provider.MOCK, PINS);
        assertEquals(Set.of("mock-digital-output"), leds.context().providers().all().keySet());
        assertTrue(leds.context().platforms().all().isEmpty(), "no platform brings in providers of its own");
        assertEquals(1, leds.context().registry().all().values().stream().map(io -> io.provider().id()).distinct().count());
    }

    @Test
    void statusLightsDriveTheRealOutputsThroughTrainingAnErrorAndRecovery() throws Exception {
        leds = Pi4jLeds.open(Pi4jLeds.Provider.MOCK, PINS);
        ManualScheduler clock = new ManualScheduler();
        StatusLights lights = new StatusLights(leds, clock);
        assertEquals(high(Led.GREEN), pinStates(), "idle");

        lights.onState(State.TRAINING);
        assertEquals(high(Led.YELLOW), pinStates(), "training");
        clock.advance(500);
        assertEquals(high(), pinStates(), "training, dark half");

        lights.onState(State.ERROR);
        clock.advance(60_000);
        assertEquals(high(Led.RED), pinStates(), "error, a minute later");

        lights.onState(State.EVALUATING);
        clock.advance(250);
        assertEquals(high(Led.RED, Led.BLUE), pinStates(), "evaluating with the error still latched");
        lights.onEvaluated(1, new io.fedmq.node.Learner.EvalOutcome(3, 0.5, 0.9));
        assertEquals(high(Led.BLUE), pinStates(), "a good evaluation clears red");

        Context context = leds.context();
        Map<Led, DigitalOutput> outputs = new EnumMap<>(Led.class);
        for (Led led : Led.values()) outputs.put(led, output(context, led));
        lights.close();
        leds = null;
        outputs.forEach((led, out) -> assertEquals(DigitalState.LOW, out.state(), led + " after close"));
        assertTrue(context.isShutdown(), "closing releases the pins");
        assertTrue(context.registry().all().isEmpty());
    }

    @Test
    void everyLedNeedsAPin() {
        Map<Led, Integer> three = new EnumMap<>(PINS);
        three.remove(Led.BLUE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pi4jLeds.open(Pi4jLeds.Provider.MOCK, three));
        assertTrue(e.getMessage().contains("blue"), e.getMessage());
    }

    @Test
    void gpiodOffThePiFailsLoudlyInsteadOfFallingBackToTheMock() throws IOException {
        Path model = Path.of("/proc/device-tree/model");
        assumeFalse(Files.isReadable(model) && Files.readString(model).contains("Raspberry Pi"), "on a real Pi gpiod may succeed");
        Pi4jLeds.LedException e = assertThrows(Pi4jLeds.LedException.class, () -> Pi4jLeds.open(Pi4jLeds.Provider.GPIOD, PINS));
        assertTrue(e.getMessage().contains("gpiod provider"), e.getMessage());
    }
}
