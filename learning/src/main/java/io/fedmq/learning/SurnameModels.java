package io.fedmq.learning;

import io.fedmq.protocol.ModelSpec;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The networks of the {@value #TASK} task. A network is a pure function of its {@link ModelSpec} (and a seed
 * for the initial weights): the orchestrator and every node rebuild the same shape from the spec alone.
 */
public final class SurnameModels {
    /** The task name in {@link ModelSpec#task()}. */
    public static final String TASK = "surnames";
    /** Character Conv1D (128 filters, width 3), masked global max-pool, softmax: learns fastest here. */
    public static final String CNN = "cnn";
    /** LSTM-64 read at each name's last real character. */
    public static final String LSTM_64 = "lstm";
    /** The architectures this task knows, the first being the default. */
    public static final List<String> ARCHITECTURES = List.of(CNN, LSTM_64);

    static final int CNN_FILTERS = 128;
    static final int CNN_WIDTH = 3;
    static final int LSTM_UNITS = 64;
    /** The optimizer's step size until a {@link io.fedmq.protocol.TrainingPlan} sets its own. */
    static final double INITIAL_LEARNING_RATE = Task.INITIAL_LEARNING_RATE;

    private SurnameModels() {}

    /** The spec of a surname classifier over {@code labels} (the languages, in output order). */
    public static ModelSpec spec(String architecture, List<String> labels) {
        return Tasks.SURNAMES.spec(architecture, labels);
    }

    static MultiLayerConfiguration configuration(ModelSpec spec, long seed) {
        Tasks.check(spec);
        if (!TASK.equals(spec.task())) throw new IllegalArgumentException("not a surname model: " + spec);
        var layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(INITIAL_LEARNING_RATE))
                .weightInit(WeightInit.XAVIER)
                .list();
        int embed = Integer.getInteger("fedmq.embed", 0);
        if (embed > 0) {
            layers.layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(embed).hasBias(false)
                    .activation(Activation.IDENTITY).build());
        }
        if (CNN.equals(spec.architecture())) {
            // Same-mode convolution keeps one output per character, so the feature mask still lines up with
            // the time axis and the max-pool can skip the padding.
            layers.layer(new Convolution1DLayer.Builder()
                            .kernelSize(CNN_WIDTH).nOut(Integer.getInteger("fedmq.filters", CNN_FILTERS))
                            .convolutionMode(ConvolutionMode.Same)
                            .activation(Activation.RELU).build())
                    .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build());
        } else {
            // LastTimeStep uses the mask to read each name at its own last character, not at the batch's.
            layers.layer(new LastTimeStep(new LSTM.Builder().nOut(LSTM_UNITS).activation(Activation.TANH).build()));
        }
        return layers
                .layer(new OutputLayer.Builder(LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX)
                        .nOut(spec.labels().size()).build())
                .setInputType(InputType.recurrent(SurnameEncoding.SIZE))
                .build();
    }
}
