package io.fedmq.node.lights;

import static io.fedmq.node.lights.Led.BLUE;
import static io.fedmq.node.lights.Led.GREEN;
import static io.fedmq.node.lights.Led.RED;
import static io.fedmq.node.lights.Led.YELLOW;

import io.fedmq.protocol.NodeStatus.State;
import java.util.List;
import java.util.Set;

/**
 * The one table of what the LEDs mean, as documented in the README and the config template. Chosen to be told
 * apart from across a room: one colour per activity, and the rhythm says how busy the node is.
 *
 * <table>
 *   <tr><th>node</th><th>LEDs</th></tr>
 *   <tr><td>idle</td><td>green double blip every 3 s (a heartbeat: the node is alive and waiting)</td></tr>
 *   <tr><td>training</td><td>yellow, 0.5 s on, 0.5 s off</td></tr>
 *   <tr><td>uploading</td><td>blue, fast: 0.1 s on, 0.1 s off</td></tr>
 *   <tr><td>evaluating</td><td>yellow and blue taking turns every 0.25 s</td></tr>
 *   <tr><td>model accepted</td><td>green flashes three times, then back to what the node is doing</td></tr>
 *   <tr><td>error</td><td>red solid, and it stays lit until the node next trains or evaluates successfully</td></tr>
 *   <tr><td>offline / stopped</td><td>all dark</td></tr>
 * </table>
 */
public final class StatusPatterns {
    private StatusPatterns() {}

    public static final Pattern IDLE = new Pattern("idle", List.of(
            new Pattern.Frame(Set.of(GREEN), 100), new Pattern.Frame(Set.of(), 150),
            new Pattern.Frame(Set.of(GREEN), 100), new Pattern.Frame(Set.of(), 2650)), true);
    public static final Pattern TRAINING = Pattern.blink("training", 500, 500, YELLOW);
    public static final Pattern UPLOADING = Pattern.blink("uploading", 100, 100, BLUE);
    public static final Pattern EVALUATING = new Pattern("evaluating", List.of(
            new Pattern.Frame(Set.of(YELLOW), 250), new Pattern.Frame(Set.of(BLUE), 250)), true);
    public static final Pattern ERROR = Pattern.solid("error", RED);
    public static final Pattern DARK = Pattern.solid("dark");

    /** Played once over whatever the node is doing when the fleet accepts a new model. */
    public static final Pattern ACCEPTED = new Pattern("accepted", List.of(
            new Pattern.Frame(Set.of(GREEN), 150), new Pattern.Frame(Set.of(), 150),
            new Pattern.Frame(Set.of(GREEN), 150), new Pattern.Frame(Set.of(), 150),
            new Pattern.Frame(Set.of(GREEN), 150), new Pattern.Frame(Set.of(), 150)), false);

    /** The LED that stays lit while an error has not yet been cleared by good work. */
    public static final Led ERROR_LATCH = RED;

    public static Pattern of(State state) {
        return switch (state) {
            case IDLE -> IDLE;
            case TRAINING -> TRAINING;
            case UPLOADING -> UPLOADING;
            case EVALUATING -> EVALUATING;
            case ERROR -> ERROR;
            case OFFLINE -> DARK;
        };
    }
}
