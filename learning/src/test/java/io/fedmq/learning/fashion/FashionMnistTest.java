package io.fedmq.learning.fashion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fedmq.learning.DatasetException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files as Fashion-MNIST ships them, written byte by byte here, and every way they can be wrong. */
class FashionMnistTest {
    @TempDir Path dir;

    /** The IDX header: magic (two zero bytes, 0x08 for unsigned bytes, the number of dimensions), then each dimension. */
    static byte[] idx(int magic, int[] dims, byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes); // big-endian, as IDX is
        out.writeInt(magic);
        for (int d : dims) out.writeInt(d);
        out.write(body);
        return bytes.toByteArray();
    }

    /** {@code count} 28x28 images whose every pixel is the image's index, and labels index % 10. */
    private Path[] files(String prefix, int count, boolean gzip) throws IOException {
        byte[] pixels = new byte[count * FashionTask.PIXELS], labels = new byte[count];
        for (int i = 0; i < count; i++) {
            Arrays.fill(pixels, i * FashionTask.PIXELS, (i + 1) * FashionTask.PIXELS, (byte) (i * 40));
            labels[i] = (byte) (i % 10);
        }
        return new Path[] {
            write(prefix + "train-images-idx3-ubyte" + (gzip ? ".gz" : ""), idx(IdxFile.IMAGES_MAGIC, new int[] {count, 28, 28}, pixels), gzip),
            write(prefix + "train-labels-idx1-ubyte" + (gzip ? ".gz" : ""), idx(IdxFile.LABELS_MAGIC, new int[] {count}, labels), gzip)};
    }

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(content);
        }
        return p;
    }

    private static void says(String message, String... fragments) {
        for (String f : fragments) assertTrue(message.contains(f), "'" + message + "' does not say '" + f + "'");
    }

    @Test
    void readsImagesAndLabelsPlainOrGzipped() throws Exception {
        for (boolean gzip : new boolean[] {false, true}) {
            Path[] f = files(gzip ? "gz/" : "plain/", 5, gzip);
            List<ImageExample> images = FashionMnist.fromDirectory(f[0].getParent(), 100);
            assertEquals(5, images.size());
            for (int i = 0; i < 5; i++) {
                assertEquals(i % 10, images.get(i).label());
                byte[] expected = new byte[FashionTask.PIXELS];
                Arrays.fill(expected, (byte) (i * 40));
                assertArrayEquals(expected, images.get(i).pixels());
            }
            assertEquals(3, FashionMnist.fromDirectory(f[0].getParent(), 3).size(), "a limit reads the first images");
        }
    }

    @Test
    void aWrongMagicNumberSaysWhatTheFileIs() throws Exception {
        Path[] f = files("", 3, false);
        says(assertThrows(DatasetException.class, () -> FashionMnist.read(f[1], f[0], 10)).getMessage(),
                "train-labels-idx1-ubyte: magic number 2049 (that of a label file), expected 2051 for an image file");
        Path floats = write("floats", idx(0x0D03, new int[] {1, 28, 28}, new byte[28 * 28 * 4]), false);
        says(assertThrows(DatasetException.class, () -> IdxFile.readImages(floats)).getMessage(), "IDX type 0xd", "only unsigned bytes");
        Path text = Files.writeString(dir.resolve("readme.txt"), "hello, world");
        says(assertThrows(DatasetException.class, () -> IdxFile.readImages(text)).getMessage(), "(not an IDX file)");
    }

    @Test
    void aTruncatedFileSaysWhatItsHeaderPromised() throws Exception {
        byte[] whole = idx(IdxFile.IMAGES_MAGIC, new int[] {3, 28, 28}, new byte[3 * 784]);
        for (boolean gzip : new boolean[] {false, true}) {
            Path cut = write("cut" + gzip, Arrays.copyOf(whole, whole.length - 100), gzip);
            says(assertThrows(DatasetException.class, () -> IdxFile.readImages(cut)).getMessage(),
                    "is truncated: its header promises 3 images of 28x28 (2352 bytes), the file holds 2252");
        }
        Path header = write("header", Arrays.copyOf(whole, 10), false);
        says(assertThrows(DatasetException.class, () -> IdxFile.readImages(header)).getMessage(), "truncated: its header ends before the rows");
        Path longer = write("longer", Arrays.copyOf(whole, whole.length + 1), false);
        says(assertThrows(DatasetException.class, () -> IdxFile.readImages(longer)).getMessage(), "longer than its header says");
    }

    @Test
    void aHeaderThatPromisesTooMuchIsRefusedBeforeAllocating() throws Exception {
        Path huge = write("huge", idx(IdxFile.IMAGES_MAGIC, new int[] {2_000_000, 28, 28}, new byte[10]), false);
        says(assertThrows(DatasetException.class, () -> IdxFile.readImages(huge)).getMessage(), "truncated", "2000000 images of 28x28");
        Path negative = write("negative", idx(IdxFile.LABELS_MAGIC, new int[] {-5}, new byte[0]), false);
        says(assertThrows(DatasetException.class, () -> IdxFile.readLabels(negative)).getMessage(), "label count 4294967291 is out of range");
    }

    @Test
    void imagesAndLabelsMustAgree() throws Exception {
        Path[] five = files("five/", 5, false);
        Path[] four = files("four/", 4, false);
        says(assertThrows(DatasetException.class, () -> FashionMnist.read(five[0], four[1], 10)).getMessage(),
                "count mismatch", "holds 5 images", "4 labels");
        Path small = write("small", idx(IdxFile.IMAGES_MAGIC, new int[] {1, 8, 8}, new byte[64]), false);
        Path one = write("one", idx(IdxFile.LABELS_MAGIC, new int[] {1}, new byte[] {3}), false);
        says(assertThrows(DatasetException.class, () -> FashionMnist.read(small, one, 10)).getMessage(), "8x8 images", "reads 28x28");
        Path eleven = write("eleven", idx(IdxFile.LABELS_MAGIC, new int[] {5}, new byte[] {0, 1, 11, 2, 3}), false);
        says(assertThrows(DatasetException.class, () -> FashionMnist.read(five[0], eleven, 10)).getMessage(), "label 11 of image 2 is not a class (0-9)");
        says(assertThrows(DatasetException.class, () -> FashionMnist.fromDirectory(dir.resolve("four").resolve("x"), 10)).getMessage(),
                "no such folder", "dataset-fashion-mnist");
        Files.delete(four[1]);
        says(assertThrows(DatasetException.class, () -> FashionMnist.fromDirectory(four[0].getParent(), 10)).getMessage(),
                "no train-labels-idx1-ubyte (or train-labels-idx1-ubyte.gz)");
    }

    /** Debian's dataset-fashion-mnist package, where it is installed (skipped elsewhere, CI included). */
    @Test
    void readsDebiansFashionMnistWhenInstalled() throws Exception {
        Path debian = Path.of(FashionMnist.DEBIAN_DIR);
        assumeTrue(Files.isDirectory(debian), "dataset-fashion-mnist is not installed");
        List<ImageExample> images = FashionMnist.fromDirectory(debian, 1000);
        assertEquals(1000, images.size());
        int[] perClass = new int[10];
        images.forEach(e -> perClass[e.label()]++);
        assertTrue(Arrays.stream(perClass).allMatch(n -> n > 50), "the classes are mixed: " + Arrays.toString(perClass));
        assertEquals(9, images.get(0).label(), "the first training image is an ankle boot");
    }
}
