package io.fedmq.learning.fashion;

import io.fedmq.learning.DatasetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST from a folder of IDX files with the data set's own names ({@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, gzipped or not), as Debian's {@code dataset-fashion-mnist} installs them under
 * {@value #DEBIAN_DIR}. Only the training files are read: the fleet splits them over its nodes, and each node holds
 * back a fifth of its share to test on, as with the other tasks.
 */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
    static final String IMAGES = "train-images-idx3-ubyte";
    static final String LABELS = "train-labels-idx1-ubyte";

    private FashionMnist() {}

    /**
     * The first {@code limit} training images of the folder.
     *
     * @throws DatasetException when a file is missing or malformed, the two files disagree on the count, the images
     *                          are not 28x28, or a label is not a class index
     */
    public static List<ImageExample> fromDirectory(Path dir, int limit) throws DatasetException {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException("no such folder: " + dir + " (Debian's dataset-fashion-mnist package installs the files in "
                    + DEBIAN_DIR + ")");
        }
        return read(find(dir, IMAGES), find(dir, LABELS), limit);
    }

    /** The first {@code limit} images of an image file, labelled by a label file. */
    public static List<ImageExample> read(Path imagesFile, Path labelsFile, int limit) throws DatasetException {
        if (limit < 1) throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        IdxFile.Images images = IdxFile.readImages(imagesFile);
        byte[] labels = IdxFile.readLabels(labelsFile);
        if (images.count() != labels.length) {
            throw new DatasetException("count mismatch: " + imagesFile + " holds " + images.count() + " images, " + labelsFile + " "
                    + labels.length + " labels");
        }
        if (images.rows() != FashionTask.SIDE || images.columns() != FashionTask.SIDE) {
            throw new DatasetException(imagesFile + " holds " + images.rows() + "x" + images.columns() + " images; the fashion network reads "
                    + FashionTask.SIDE + "x" + FashionTask.SIDE);
        }
        if (images.count() == 0) throw new DatasetException(imagesFile + " holds no images");
        int n = Math.min(limit, images.count());
        List<ImageExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int label = labels[i] & 0xff;
            if (label >= FashionTask.LABELS.size()) {
                throw new DatasetException(labelsFile + ": label " + label + " of image " + i + " is not a class (0-"
                        + (FashionTask.LABELS.size() - 1) + ")");
            }
            out.add(new ImageExample(images.image(i), label));
        }
        return out;
    }

    private static Path find(Path dir, String name) throws DatasetException {
        for (Path p : List.of(dir.resolve(name), dir.resolve(name + ".gz"))) if (Files.isRegularFile(p)) return p;
        throw new DatasetException("no " + name + " (or " + name + ".gz) in " + dir);
    }
}
