package io.fedmq.learning.occupancy;

import io.fedmq.learning.Task;
import io.fedmq.learning.Tasks;
import io.fedmq.protocol.ModelSpec;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Room occupancy from one smart-home sensor: is anyone in the room? A small multilayer perceptron over the
 * sensor's five channels ({@link #CHANNELS}, the UCI occupancy layout) and, for {@link #MLP}, the time of day and
 * week. Its inputs are scaled per node ({@link Standardizer}), so a fleet of homes with different sensors, lamps
 * and thermostats shares one network.
 */
public final class OccupancyTask implements Task {
    public static final String NAME = "occupancy";
    /** Sensor channels plus hour-of-day and day-of-week: for logs with timestamps (the default). */
    public static final String MLP = "mlp";
    /** Sensor channels only: for logs without a date column. */
    public static final String MLP_SENSORS = "mlp-sensors";
    /** The sensor channels every occupancy network reads, in input order. */
    public static final List<String> CHANNELS = List.of("temperature (°C)", "relative humidity (%)", "light (lux)", "CO2 (ppm)",
            "humidity ratio (kg/kg)");
    public static final int SENSORS = 5;
    /** sin and cos of the hour of day and of the day of week. */
    public static final int CALENDAR = 4;
    /** Label 0 and 1, as in the UCI files' Occupancy column. */
    public static final List<String> LABELS = List.of("vacant", "occupied");

    static final int HIDDEN_1 = 32;
    static final int HIDDEN_2 = 16;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> architectures() {
        return List.of(MLP, MLP_SENSORS);
    }

    @Override
    public List<String> fixedLabels() {
        return LABELS;
    }

    /** The spec of the occupancy network {@code architecture}. */
    public static ModelSpec spec(String architecture) {
        return Tasks.OCCUPANCY.spec(architecture, LABELS);
    }

    /** How many inputs the network of {@code spec} reads. */
    public static int inputWidth(ModelSpec spec) {
        return SENSORS + (MLP.equals(spec.architecture()) ? CALENDAR : 0);
    }

    @Override
    public MultiLayerConfiguration network(ModelSpec spec, long seed) {
        if (Tasks.of(spec) != this) throw new IllegalArgumentException("not an occupancy model: " + spec);
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(INITIAL_LEARNING_RATE))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new DenseLayer.Builder().nIn(inputWidth(spec)).nOut(HIDDEN_1).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(HIDDEN_2).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER)
                        .nOut(LABELS.size()).build())
                .build();
    }

    @Override
    public Encoded encode(ModelSpec spec, List<?> inputs) {
        int width = inputWidth(spec);
        float[] data = new float[inputs.size() * width];
        for (int i = 0; i < inputs.size(); i++) {
            Object input = inputs.get(i);
            if (!(input instanceof float[] x)) {
                throw new IllegalArgumentException("an occupancy model reads feature vectors, got "
                        + (input == null ? "null" : input.getClass().getSimpleName()));
            }
            if (x.length != width) {
                throw new IllegalArgumentException("the " + spec.architecture() + " occupancy network reads " + width + " inputs ("
                        + (width == SENSORS ? "5 sensors" : "5 sensors, hour of day and day of week") + "), got " + x.length
                        + (x.length == SENSORS ? ": the data has no date column" : ""));
            }
            System.arraycopy(x, 0, data, i * width, width);
        }
        return new Encoded(Nd4j.create(data, new long[] {inputs.size(), width}, 'c'), null);
    }
}
