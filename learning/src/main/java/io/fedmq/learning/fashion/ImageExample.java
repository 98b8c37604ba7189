package io.fedmq.learning.fashion;

import io.fedmq.learning.Labelled;
import java.util.Arrays;

/**
 * One labelled greyscale image, kept as the bytes of the IDX file (a quarter of the memory of floats: 60 000
 * Fashion-MNIST images take 47 MB).
 *
 * @param pixels row by row, 0 to 255; copied in and out
 * @param label  the class index
 */
public record ImageExample(byte[] pixels, int label) implements Labelled {
    public ImageExample {
        if (pixels.length == 0) throw new IllegalArgumentException("an image must have pixels");
        if (label < 0) throw new IllegalArgumentException("label must be >= 0, got " + label);
        pixels = pixels.clone();
    }

    @Override
    public byte[] pixels() {
        return pixels.clone();
    }

    /** A copy of the pixels: what the network reads. */
    @Override
    public byte[] input() {
        return pixels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageExample i && label == i.label && Arrays.equals(pixels, i.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(pixels) + label;
    }

    @Override
    public String toString() {
        return "ImageExample[" + pixels.length + " pixels, label " + label + "]";
    }
}
