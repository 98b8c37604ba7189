package io.fedmq.app;

import io.fedmq.firmware.NodeConfig;
import io.fedmq.node.NodeObserver;
import io.fedmq.node.lights.ExecutorScheduler;
import io.fedmq.node.lights.Led;
import io.fedmq.node.lights.Pi4jLeds;
import io.fedmq.node.lights.StatusLights;
import java.util.Map;

/** The node's status LEDs as its config describes them: a provider named there, never detected. */
final class NodeLights implements AutoCloseable {
    private final StatusLights lights;
    private final ExecutorScheduler scheduler;

    private NodeLights(StatusLights lights, ExecutorScheduler scheduler) {
        this.lights = lights;
        this.scheduler = scheduler;
    }

    /** Opens the pins; with {@code leds.provider = none}, a node without LEDs. */
    static NodeLights open(NodeConfig.Leds leds) throws Pi4jLeds.LedException {
        if (leds.provider() == NodeConfig.LedProvider.NONE) return new NodeLights(null, null);
        Pi4jLeds.Provider provider = leds.provider() == NodeConfig.LedProvider.GPIOD ? Pi4jLeds.Provider.GPIOD : Pi4jLeds.Provider.MOCK;
        Pi4jLeds port = Pi4jLeds.open(provider, Map.of(Led.RED, leds.red(), Led.YELLOW, leds.yellow(), Led.GREEN, leds.green(), Led.BLUE, leds.blue()));
        ExecutorScheduler scheduler = new ExecutorScheduler();
        return new NodeLights(new StatusLights(port, scheduler), scheduler);
    }

    NodeObserver observer() { return lights == null ? NodeObserver.NONE : lights; }

    /** Darkens the LEDs and releases the pins. */
    @Override
    public void close() {
        if (lights == null) return;
        lights.close();
        scheduler.close();
    }
}
