package io.fedmq.learning.fashion;

import io.fedmq.learning.Task;
import io.fedmq.learning.Tasks;
import io.fedmq.protocol.ModelSpec;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Fashion-MNIST (Xiao et al. 2017): 28x28 greyscale photos of clothes in ten classes, the PhotoLabeller use case
 * of a node labelling its own pictures. A small LeNet-style network: two 5x5 convolutions (8 and 16 filters), each
 * followed by 2x2 max-pooling, a dense layer of 64 and a softmax; about 20 thousand parameters.
 */
public final class FashionTask implements Task {
    public static final String NAME = "fashion";
    public static final String CNN = "cnn";
    /** Image height and width, in pixels. */
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    /** The classes in label order, as the data set's documentation names them. */
    public static final List<String> LABELS = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> architectures() {
        return List.of(CNN);
    }

    @Override
    public List<String> fixedLabels() {
        return LABELS;
    }

    /** The spec of the fashion network. */
    public static ModelSpec spec() {
        return Tasks.FASHION.spec(CNN, LABELS);
    }

    @Override
    public MultiLayerConfiguration network(ModelSpec spec, long seed) {
        if (Tasks.of(spec) != this) throw new IllegalArgumentException("not a fashion model: " + spec);
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(INITIAL_LEARNING_RATE))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER)
                        .nOut(LABELS.size()).build())
                .setInputType(InputType.convolutionalFlat(SIDE, SIDE, 1))
                .build();
    }

    /** Greyscale bytes (0 white background to 255 ink, row by row) scaled to [0, 1]. */
    @Override
    public Encoded encode(ModelSpec spec, List<?> inputs) {
        float[] data = new float[inputs.size() * PIXELS];
        for (int i = 0; i < inputs.size(); i++) {
            if (!(inputs.get(i) instanceof byte[] image)) {
                throw new IllegalArgumentException("a fashion model reads 28x28 greyscale images, got "
                        + (inputs.get(i) == null ? "null" : inputs.get(i).getClass().getSimpleName()));
            }
            if (image.length != PIXELS) {
                throw new IllegalArgumentException("a fashion model reads 28x28 = 784 pixels, got " + image.length);
            }
            for (int p = 0; p < PIXELS; p++) data[i * PIXELS + p] = (image[p] & 0xff) / 255f;
        }
        return new Encoded(Nd4j.create(data, new long[] {inputs.size(), PIXELS}, 'c'), null);
    }
}
