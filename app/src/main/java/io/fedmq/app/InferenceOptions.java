package io.fedmq.app;

import io.fedmq.learning.DatasetException;
import io.fedmq.mqtt.MqttSettings;
import io.fedmq.mqtt.PahoTransport;
import io.fedmq.node.inference.LocalTopics;
import io.fedmq.protocol.Transport.TransportException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Local inference on a smart-home node: where readings come from and where predictions go. Off unless asked for. */
final class InferenceOptions {
    @Option(names = "--local-broker", paramLabel = "URI",
            description = "occupancy: the home's MQTT broker (e.g. tcp://127.0.0.1:1883 on the Pi); turns local inference on: sensor readings "
                    + "arriving there are answered with the accepted model's prediction")
    String localBroker;

    @Option(names = "--readings-topic", defaultValue = LocalTopics.READINGS,
            description = "where JSON readings arrive on the home broker; {node} is this node's id (default: ${DEFAULT-VALUE})")
    String readingsTopic;

    @Option(names = "--predictions-topic", defaultValue = LocalTopics.PREDICTIONS,
            description = "where predictions go, retained; {node} is this node's id (default: ${DEFAULT-VALUE})")
    String predictionsTopic;

    @Option(names = "--tail", paramLabel = "FILE",
            description = "occupancy: also follow this sensor log as a logger appends to it, answering each new line (needs --local-broker)")
    Path tail;

    /**
     * Connects to the home broker and starts answering readings, or does nothing when local inference was not asked for.
     *
     * @throws IllegalArgumentException when asked for on a task that has none, or --tail without a broker to answer on
     */
    LocalInference start(String nodeId, TaskData data) throws TransportException, DatasetException {
        if (localBroker == null && tail == null) return LocalInference.NONE;
        if (!(data instanceof OccupancyData home)) {
            throw new IllegalArgumentException("--local-broker and --tail serve occupancy predictions: they need --task occupancy");
        }
        if (localBroker == null) throw new IllegalArgumentException("--tail publishes its predictions on the home broker: give --local-broker too");
        LocalTopics topics = LocalTopics.of(readingsTopic, predictionsTopic, nodeId);
        return LocalInference.start(nodeId, home.home().features(), home.layout(), topics, tail, Clock.systemDefaultZone(), Duration.ofSeconds(1),
                PahoTransport.connect(MqttSettings.ephemeral(localBroker, "fedmq-home-" + nodeId)));
    }
}
