package io.fedmq.node.inference;

import java.util.Objects;

/**
 * The home broker's topics of one node: where its sensor readings arrive and where its predictions go. They live
 * outside fedmq's {@code fedmq/v1/} tree on purpose: they belong to the home, not to the fleet.
 *
 * @param readings    e.g. {@code home/pi-kitchen/sensors}
 * @param predictions e.g. {@code home/pi-kitchen/occupancy}
 */
public record LocalTopics(String readings, String predictions) {
    /** The default templates; {@code {node}} stands for the node id. */
    public static final String READINGS = "home/{node}/sensors";
    public static final String PREDICTIONS = "home/{node}/occupancy";

    public LocalTopics {
        Objects.requireNonNull(readings, "readings");
        Objects.requireNonNull(predictions, "predictions");
        if (readings.equals(predictions)) throw new IllegalArgumentException("readings and predictions need topics of their own");
        if (predictions.contains("+") || predictions.contains("#") || predictions.isEmpty()) {
            throw new IllegalArgumentException("the predictions topic must be a topic, not a filter: " + predictions);
        }
    }

    /** The templates with {@code {node}} replaced by {@code nodeId}. */
    public static LocalTopics of(String readingsTemplate, String predictionsTemplate, String nodeId) {
        return new LocalTopics(readingsTemplate.replace("{node}", nodeId), predictionsTemplate.replace("{node}", nodeId));
    }
}
