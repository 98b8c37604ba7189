/**
 * Status LEDs. {@link io.fedmq.node.lights.StatusLights} turns what the node does into LED patterns and is pure:
 * it talks to a {@link io.fedmq.node.lights.LedPort} and a {@link io.fedmq.node.lights.Scheduler}, so tests step
 * a fake clock and record the LEDs. {@link io.fedmq.node.lights.Pi4jLeds} is the one class that touches Pi4J.
 *
 * <p>A package of edge-node rather than a module of its own: the lights are a {@code NodeObserver}, so a module
 * would depend on edge-node anyway, and the design places Pi4J in edge-node. The boundary that matters, Pi4J in
 * one class, is checked by a test.
 */
package io.fedmq.node.lights;
