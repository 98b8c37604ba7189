package io.fedmq.learning.fashion;

import io.fedmq.learning.DatasetException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a big-endian header (two zero bytes, a type byte,
 * the number of dimensions, then each dimension as a 32-bit count) followed by the values. Only unsigned bytes are
 * read: images have magic {@value #IMAGES_MAGIC} (three dimensions: count, rows, columns), labels {@value #LABELS_MAGIC}
 * (one: count). Files may be gzipped, as Debian's {@code dataset-fashion-mnist} installs them; that is recognised by
 * content, not by name. Every error names the file and what its header promised.
 */
final class IdxFile {
    /** Unsigned bytes in three dimensions. */
    public static final int IMAGES_MAGIC = 0x0803;
    /** Unsigned bytes in one dimension. */
    public static final int LABELS_MAGIC = 0x0801;
    /** Larger sides are not images this reader is meant for, and would make a corrupt header allocate gigabytes. */
    static final int MAX_SIDE = 4096;

    private IdxFile() {}

    /**
     * The images of an IDX image file.
     *
     * @param count   how many images
     * @param rows    pixels per column
     * @param columns pixels per row
     * @param pixels  all images one after the other, row by row
     */
    record Images(int count, int rows, int columns, byte[] pixels) {
        /** Image {@code i}'s pixels. */
        public byte[] image(int i) {
            int size = rows * columns;
            return java.util.Arrays.copyOfRange(pixels, i * size, (i + 1) * size);
        }
    }

    /**
     * Reads an image file.
     *
     * @throws DatasetException when the file is missing, has another magic number (a label file, another type),
     *                          is shorter than its header promises, or longer
     */
    static Images readImages(Path file) throws DatasetException {
        try (DataInputStream in = open(file)) {
            magic(file, in, IMAGES_MAGIC, "an image file");
            int count = dimension(file, in, "image count", Integer.MAX_VALUE), rows = dimension(file, in, "rows", MAX_SIDE),
                    columns = dimension(file, in, "columns", MAX_SIDE);
            long bytes = (long) count * rows * columns;
            if (bytes > Integer.MAX_VALUE - 16) {
                throw new DatasetException(file + ": " + count + " images of " + rows + "x" + columns + " are more than this reader holds");
            }
            byte[] pixels = body(file, in, (int) bytes, 16, count + " images of " + rows + "x" + columns);
            return new Images(count, rows, columns, pixels);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a label file.
     *
     * @throws DatasetException when the file is missing, has another magic number, or is shorter or longer than its
     *                          header promises
     */
    static byte[] readLabels(Path file) throws DatasetException {
        try (DataInputStream in = open(file)) {
            magic(file, in, LABELS_MAGIC, "a label file");
            int count = dimension(file, in, "label count", Integer.MAX_VALUE - 8);
            return body(file, in, count, 8, count + " labels");
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static DataInputStream open(Path file) throws IOException, DatasetException {
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new DatasetException("no such file: " + file, e);
        }
        raw.mark(2);
        int b0 = raw.read(), b1 = raw.read();
        raw.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
    }

    private static void magic(Path file, DataInputStream in, int expected, String what) throws IOException, DatasetException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new DatasetException(file + " is too short to be an IDX file (no 4-byte magic number)", e);
        }
        if (magic != expected) {
            String hint = magic == IMAGES_MAGIC ? " (that of an image file)" : magic == LABELS_MAGIC ? " (that of a label file)"
                    : (magic >>> 16) != 0 ? " (not an IDX file)" : " (IDX type 0x" + Integer.toHexString((magic >> 8) & 0xff)
                    + " with " + (magic & 0xff) + " dimensions: only unsigned bytes are read)";
            throw new DatasetException(file + ": magic number " + magic + hint + ", expected " + expected + " for " + what);
        }
    }

    private static int dimension(Path file, DataInputStream in, String name, int max) throws IOException, DatasetException {
        int d;
        try {
            d = in.readInt();
        } catch (EOFException e) {
            throw new DatasetException(file + " is truncated: its header ends before the " + name, e);
        }
        if (d < 0 || d > max) throw new DatasetException(file + ": the header's " + name + " " + Integer.toUnsignedString(d) + " is out of range");
        return d;
    }

    /** Exactly {@code length} bytes and then the end of the file. */
    private static byte[] body(Path file, DataInputStream in, int length, int header, String promised) throws IOException, DatasetException {
        if (!isGzip(file)) { // a plain file's size is known: refuse before allocating for a header that lies
            long available = Files.size(file) - header;
            if (available < length) throw truncated(file, promised, length, available);
        }
        byte[] data = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(data, read, length - read);
            if (n < 0) throw truncated(file, promised, length, read);
            read += n;
        }
        if (in.read() >= 0) {
            throw new DatasetException(file + " is longer than its header says (" + promised + "): is it the right file?");
        }
        return data;
    }

    private static DatasetException truncated(Path file, String promised, long length, long found) {
        return new DatasetException(file + " is truncated: its header promises " + promised + " (" + length + " bytes), the file holds "
                + found);
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }
}
