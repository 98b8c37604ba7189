package io.fedmq.node.inference;

import io.fedmq.learning.DatasetException;
import io.fedmq.learning.occupancy.CsvLayout;
import io.fedmq.learning.occupancy.SensorCsv;
import io.fedmq.learning.occupancy.SensorRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a sensor log as a logger appends to it, like {@code tail -f}: reads its header, then hands every complete
 * line written from now on to {@code sink} as a reading. Lines already in the file when it starts are history, not
 * readings. A line still being written (no newline yet) waits for its end. When the file is replaced or truncated
 * (log rotation), it starts over with the new file's header. Polls, because inotify does not reach every SD-card
 * file system and a reading a second late is on time for home automation.
 */
public final class CsvTail implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CsvTail.class);

    private final Path file;
    private final CsvLayout layout;
    private final Consumer<SensorRow> sink;
    private final Duration poll;
    private final Thread thread;
    private volatile boolean closed;

    // Touched only on the tail's thread.
    private SensorCsv.Columns columns;
    private long position;
    private int lineNo;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    public CsvTail(Path file, CsvLayout layout, Consumer<SensorRow> sink, Duration poll) {
        this.file = Objects.requireNonNull(file, "file");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (poll.isNegative() || poll.isZero()) throw new IllegalArgumentException("poll must be positive, got " + poll);
        this.poll = poll;
        this.thread = new Thread(this::run, "tail-" + file.getFileName());
        this.thread.setDaemon(true);
    }

    /**
     * Reads the header and the current end of the file, then follows it on a thread of its own.
     *
     * @throws DatasetException when the file is missing or its header lacks a column of the layout
     */
    public void start() throws DatasetException {
        open(false);
        thread.start();
    }

    /**
     * Reads the header; then starts after it ({@code fromStart}, a new file) or after the last complete line
     * (history), counting lines so that errors can name them.
     */
    private void open(boolean fromStart) throws DatasetException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        int headerEnd = 0;
        while (headerEnd < content.length && content[headerEnd] != '\n') headerEnd++;
        if (headerEnd == content.length) throw new DatasetException(file + " has no complete header line naming the columns yet");
        columns = SensorCsv.Columns.of(file.toString(), new String(content, 0, headerEnd, StandardCharsets.UTF_8), 1, layout, false);
        position = headerEnd + 1;
        lineNo = 1;
        if (!fromStart) {
            for (int i = headerEnd + 1; i < content.length; i++) {
                if (content[i] == '\n') {
                    lineNo++;
                    position = i + 1;
                }
            }
        }
        partial.reset();
    }

    private void run() {
        while (!closed) {
            try {
                poll();
            } catch (Exception e) { // the file gone or unreadable for a moment: say so, keep following
                log.warn("following {}: {}", file, e.getMessage());
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads what was appended since the last poll. */
    void poll() throws IOException, DatasetException {
        if (!Files.exists(file)) return;
        long size = Files.size(file);
        if (size < position) { // rotated or truncated: a new file, with its own header
            log.info("{} was replaced: following the new file", file);
            open(true);
        }
        if (size <= position) return;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(position);
            byte[] chunk = new byte[(int) Math.min(size - position, 1 << 20)];
            in.readFully(chunk);
            position += chunk.length;
            for (byte b : chunk) {
                if (b != '\n') {
                    partial.write(b);
                    continue;
                }
                String line = partial.toString(StandardCharsets.UTF_8);
                partial.reset();
                lineNo++;
                if (line.isBlank()) continue;
                try {
                    sink.accept(columns.parse(line, lineNo));
                } catch (DatasetException e) {
                    log.warn("skipped a reading: {}", e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
