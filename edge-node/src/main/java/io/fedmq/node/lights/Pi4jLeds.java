package io.fedmq.node.lights;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The only class that touches Pi4J: status LEDs on GPIO pins, numbered BCM as on the Pi's pin-out.
 *
 * <p>The Pi4J context is built with auto-detection off and exactly one digital-output provider, the one the
 * node's config names. Left to auto-detection, Pi4J would load every plugin on the class path and prefer the
 * mock (its providers rank highest), shadowing the real pins on a Pi; here a Pi configured for {@code gpiod}
 * either drives its pins or fails to start, and never pretends.
 */
public final class Pi4jLeds implements LedPort {

    /** Which Pi4J provider drives the pins. */
    public enum Provider {
        /** Real pins through the Linux GPIO character device ({@code /dev/gpiochip*}), via libgpiod. */
        GPIOD,
        /** Pi4J's in-memory pins: off the Pi, and in tests that check real {@link DigitalOutput} states. */
        MOCK;

        DigitalOutputProvider newInstance() {
            return switch (this) {
                case GPIOD -> GpioDDigitalOutputProvider.newInstance();
                case MOCK -> MockDigitalOutputProvider.newInstance();
            };
        }
    }

    private final Context context;
    private final Map<Led, DigitalOutput> outputs;

    private Pi4jLeds(Context context, Map<Led, DigitalOutput> outputs) {
        this.context = context;
        this.outputs = outputs;
    }

    /**
     * Opens one output per LED, dark at start and left dark when Pi4J shuts down.
     *
     * @param pins BCM pin number of every {@link Led}
     * @throws LedException when the provider cannot drive the pins (not a Pi, no access to {@code /dev/gpiochip*})
     */
    public static Pi4jLeds open(Provider provider, Map<Led, Integer> pins) throws LedException {
        Objects.requireNonNull(provider, "provider");
        for (Led led : Led.values()) {
            if (!pins.containsKey(led)) throw new IllegalArgumentException("no pin for the " + name(led) + " LED");
        }
        Context context;
        try {
            // No shutdown hook of Pi4J's own: the node darkens the LEDs in its hook, and two hooks would race.
            context = Pi4J.newContextBuilder().noAutoDetect().disableShutdownHook().add(provider.newInstance()).build();
        } catch (RuntimeException | LinkageError e) {
            throw new LedException("Pi4J could not start its " + provider.name().toLowerCase(Locale.ROOT) + " provider: " + e, e);
        }
        Map<Led, DigitalOutput> outputs = new EnumMap<>(Led.class);
        try {
            for (Led led : Led.values()) {
                outputs.put(led, context.create(DigitalOutput.newConfigBuilder(context)
                        .id("fedmq-led-" + name(led))
                        .name("fedmq " + name(led) + " status LED")
                        .address(pins.get(led))
                        .initial(DigitalState.LOW)
                        .shutdown(DigitalState.LOW)));
            }
        } catch (RuntimeException | LinkageError e) {
            context.shutdown();
            throw new LedException("could not open the status LED pins " + pins + " with the "
                    + provider.name().toLowerCase(Locale.ROOT) + " provider: " + e, e);
        }
        return new Pi4jLeds(context, outputs);
    }

    @Override
    public void set(Led led, boolean lit) {
        outputs.get(led).state(lit ? DigitalState.HIGH : DigitalState.LOW);
    }

    /** The Pi4J context: for tests that read the outputs back through Pi4J's own registry. */
    Context context() { return context; }

    /** Sets every pin low, then shuts Pi4J down, which releases the GPIO lines. */
    @Override
    public void close() {
        outputs.values().forEach(DigitalOutput::low);
        context.shutdown();
    }

    private static String name(Led led) { return led.name().toLowerCase(Locale.ROOT); }

    /** The LEDs cannot be driven as configured. */
    public static final class LedException extends Exception {
        private static final long serialVersionUID = 1L;

        LedException(String message, Throwable cause) { super(message, cause); }
    }
}
