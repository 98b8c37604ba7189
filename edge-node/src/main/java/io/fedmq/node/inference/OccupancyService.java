package io.fedmq.node.inference;

import io.fedmq.learning.TaskModel;
import io.fedmq.learning.occupancy.CsvLayout;
import io.fedmq.learning.occupancy.HomeSimulator;
import io.fedmq.learning.occupancy.OccupancyFeatures;
import io.fedmq.learning.occupancy.OccupancyTask;
import io.fedmq.learning.occupancy.SensorCsv;
import io.fedmq.learning.occupancy.SensorRow;
import io.fedmq.node.NodeObserver;
import io.fedmq.protocol.AcceptedModel;
import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.Transport;
import io.fedmq.protocol.Transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local inference for a smart-home node: serves the fleet's accepted occupancy model on the home's own readings, so
 * that home automation can act on it (heating, lights, an alarm). Readings come in on a local MQTT topic as JSON
 * ({@link #onReading}) or from a CSV log the node follows ({@link CsvTail}); each one is answered on the
 * predictions topic with the probability that the room is occupied and the model version that said so. Nothing of
 * this reaches the fleet: the readings and predictions stay on the home's broker.
 *
 * <p>Which model: the one the fleet accepted, handed over by the {@link io.fedmq.node.NodeAgent} once it arrived
 * signed and whole ({@link #onAcceptedModel}). The initial model (accepted in round 0) is untrained and not served;
 * nor is a model of another task or one that reads other inputs than this node's data provides. Until a model is
 * served, readings are not answered. Inputs are scaled with this node's own statistics, exactly as in training.
 */
public final class OccupancyService implements NodeObserver {
    private static final Logger log = LoggerFactory.getLogger(OccupancyService.class);

    private final String nodeId;
    private final OccupancyFeatures features;
    private final CsvLayout layout;
    private final Transport local;
    private final LocalTopics topics;
    private final Clock clock;
    private Served served; // guarded by this
    private boolean toldWaiting; // guarded by this

    /** The model being served and its network. */
    private record Served(long version, TaskModel model) {}

    /**
     * One prediction.
     *
     * @param modelVersion the accepted model version that made it
     * @param probability  that the room is occupied, 0 to 1
     * @param time         the reading's time (its date column, or when it arrived)
     */
    public record Prediction(long modelVersion, double probability, LocalDateTime time) {
        public boolean occupied() {
            return probability >= 0.5;
        }

        /** The predictions topic's payload: {@code {"occupied":true,"probability":0.9731,"model":7,"time":"..."}}. */
        String json(String nodeId) {
            StringBuilder b = new StringBuilder("{\"node\":");
            FlatJson.quote(b, nodeId).append(",\"occupied\":").append(occupied())
                    .append(String.format(Locale.ROOT, ",\"probability\":%.4f", probability)).append(",\"model\":").append(modelVersion)
                    .append(",\"time\":");
            return FlatJson.quote(b, time.toString()).append('}').toString();
        }
    }

    /**
     * @param features how this node scaled its training data (and so must scale its readings)
     * @param layout   the names of the reading's fields: the CSV columns, also the JSON keys
     * @param local    the home's broker, where readings arrive and predictions go
     * @param clock    the time of a reading without a date
     */
    public OccupancyService(String nodeId, OccupancyFeatures features, CsvLayout layout, Transport local, LocalTopics topics, Clock clock) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.features = Objects.requireNonNull(features, "features");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.local = Objects.requireNonNull(local, "local");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Subscribes to the readings topic. */
    public void start() throws TransportException {
        local.subscribe(topics.readings(), this::onReading);
        log.info("node {} answers occupancy readings on {} with predictions on {}", nodeId, topics.readings(), topics.predictions());
    }

    @Override
    public void onAcceptedModel(AcceptedModel pointer, GlobalModel model) {
        if (pointer.round() == 0) { // the fleet's starting point, not a refusal
            log.info("node {}: v{} is the initial, untrained model: local inference waits for one a round accepted", nodeId, model.version());
            return;
        }
        String refused = refusal(model);
        if (refused != null) {
            log.warn("node {}: local inference keeps {}: {}", nodeId, current() == 0 ? "answering nothing" : "v" + current(), refused);
            return;
        }
        TaskModel net = TaskModel.create(model.spec(), 0);
        net.setParameters(model.parameters().toArray());
        synchronized (this) {
            served = new Served(model.version(), net);
        }
        log.info("node {} serves occupancy predictions with model v{} (accuracy {})", nodeId, model.version(), pointer.accuracy());
    }

    /** The version being served, 0 for none. */
    public synchronized long current() {
        return served == null ? 0 : served.version();
    }

    private String refusal(GlobalModel model) {
        if (!OccupancyTask.NAME.equals(model.spec().task())) {
            return "v" + model.version() + " is a " + model.spec().task() + " model, not an occupancy model";
        }
        int width = OccupancyTask.inputWidth(model.spec());
        if (width != features.width()) {
            return "v" + model.version() + "'s " + model.spec().architecture() + " network reads " + width + " inputs, this node's data gives "
                    + features.width();
        }
        return null;
    }

    /**
     * The served model's answer for one reading, or empty while no model is served.
     *
     * @throws IllegalArgumentException when the reading lacks the date the model needs (never: a missing date is "now")
     */
    public synchronized Optional<Prediction> predict(SensorRow reading) {
        if (served == null) {
            if (!toldWaiting) log.info("node {}: no accepted occupancy model yet; readings are answered once the fleet accepts one", nodeId);
            toldWaiting = true;
            return Optional.empty();
        }
        SensorRow dated = reading.time() != null ? reading : new SensorRow(LocalDateTime.now(clock), reading.values(), reading.label());
        float[] p = served.model().probabilities(List.of(features.of(dated)))[0];
        return Optional.of(new Prediction(served.version(), p[1], dated.time()));
    }

    /** Predicts and publishes (retained: a restarted automation sees the latest state at once). */
    public void answer(SensorRow reading) {
        Optional<Prediction> p = predict(reading);
        if (p.isEmpty()) return;
        try {
            local.publish(topics.predictions(), p.get().json(nodeId).getBytes(StandardCharsets.UTF_8), true);
        } catch (TransportException e) {
            log.warn("node {} could not publish its prediction: {}", nodeId, e.getMessage());
        }
    }

    /** A JSON reading from the readings topic; a malformed one is logged and skipped. */
    void onReading(String topic, byte[] payload, boolean retained) {
        if (payload.length == 0) return;
        SensorRow reading;
        try {
            reading = reading(FlatJson.parse(new String(payload, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            log.warn("node {}: ignored a reading on {}: {}", nodeId, topic, e.getMessage());
            return;
        }
        answer(reading);
    }

    /**
     * A reading from its JSON members, named as the layout's columns. The humidity ratio may be left out (few
     * sensors report it): it is then computed from the temperature and humidity, as the UCI data set did.
     */
    SensorRow reading(Map<String, Object> json) {
        double[] values = new double[OccupancyTask.SENSORS];
        List<String> names = layout.featureColumns();
        for (int c = 0; c < values.length; c++) {
            Object v = json.get(names.get(c));
            if (v == null && c == OccupancyTask.SENSORS - 1) {
                values[c] = HomeSimulator.humidityRatio(values[0], values[1]);
            } else if (v instanceof Double d && Double.isFinite(d)) {
                values[c] = d;
            } else {
                throw new IllegalArgumentException(v == null ? "no '" + names.get(c) + "' (the reading has " + json.keySet() + ")"
                        : "'" + names.get(c) + "' is not a number: " + v);
            }
        }
        LocalDateTime time = null;
        Object date = layout.hasDate() ? json.get(layout.dateColumn()) : null;
        if (date instanceof String s) {
            try {
                time = SensorCsv.parseDateTime(s.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + layout.dateColumn() + "' is not a date and time like 2015-02-04 17:51:00: " + s);
            }
        } else if (date != null) {
            throw new IllegalArgumentException("'" + layout.dateColumn() + "' is not a date string: " + date);
        }
        return new SensorRow(time, values, SensorRow.UNLABELLED);
    }
}
