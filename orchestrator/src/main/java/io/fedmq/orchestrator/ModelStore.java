package io.fedmq.orchestrator;

import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.WireFormatException;
import io.fedmq.protocol.aggregation.ServerState;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The model trail on disk, one folder:
 * <ul>
 *   <li>{@code v<version>.model}: the model in its wire format, so its hash is checked on load;</li>
 *   <li>{@code v<version>.properties}: its {@link ModelRecord};</li>
 *   <li>{@code v<version>.state}: the server optimizer's state after the step that made it, if any;</li>
 *   <li>{@code ACCEPTED}: the version the fleet should run;</li>
 *   <li>{@code ROUND}: the {@link RoundJournal}'s checkpoint;</li>
 *   <li>{@code history.log}: one line per event (accepted, rejected, interrupted, rolled back), append-only.</li>
 * </ul>
 * Every file but the log is written to a temporary file first and moved into place atomically, so a crash
 * never leaves half a model, record or pointer behind. {@link #locked} serialises the read-check-write steps
 * of the orchestrator and of an operator's rollback, also across processes.
 */
public final class ModelStore {
    private static final String ACCEPTED = "ACCEPTED";
    private static final String HISTORY = "history.log";
    private static final String LOCK = ".lock";

    private final Path dir;
    private final WireCodec codec;

    public ModelStore(Path dir, WireCodec codec) {
        this.dir = dir;
        this.codec = codec;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create model folder " + dir, e);
        }
    }

    public Path dir() { return dir; }

    public void save(GlobalModel model, ModelRecord record) throws IOException {
        if (model.version() != record.version()) throw new IllegalArgumentException("record is for another version");
        writeAtomically(file(model.version(), ".model"), codec.encode(model));
        saveRecord(record);
    }

    public void saveRecord(ModelRecord r) throws IOException {
        Properties p = new Properties();
        p.setProperty("version", Long.toString(r.version()));
        p.setProperty("parent", Long.toString(r.parent()));
        p.setProperty("round", Long.toString(r.round()));
        p.setProperty("hash", r.hash());
        p.setProperty("strategy", r.strategy());
        p.setProperty("selected", Integer.toString(r.selected()));
        p.setProperty("participants", Integer.toString(r.participants()));
        p.setProperty("reports", Integer.toString(r.reports()));
        p.setProperty("accuracy", Double.toString(r.accuracy()));
        p.setProperty("loss", Double.toString(r.loss()));
        p.setProperty("status", r.status().name());
        p.setProperty("reason", r.reason());
        p.setProperty("created", r.created().toString());
        writeProperties(file(r.version(), ".properties"), p, "fedmq model v" + r.version());
    }

    void writeProperties(Path target, Properties p, String comment) throws IOException {
        StringWriter w = new StringWriter();
        p.store(w, comment);
        writeAtomically(target, w.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The properties in {@code f}, or empty ones when it does not exist. */
    static Properties readProperties(Path f) throws IOException {
        Properties p = new Properties();
        if (Files.exists(f)) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    /** Stores the server optimizer's state after the step that produced {@code version}. */
    public void saveState(long version, ServerState state) throws IOException {
        if (state.isEmpty() && state.steps() == 0) return;
        writeAtomically(file(version, ".state"), state.encode());
    }

    /** The optimizer state stored with {@code version}; empty when its strategy keeps none. */
    public ServerState state(long version) throws IOException {
        Path f = file(version, ".state");
        if (!Files.exists(f)) return ServerState.EMPTY;
        try {
            return ServerState.decode(Files.readAllBytes(f));
        } catch (WireFormatException e) {
            throw new IOException("stored optimizer state of v" + version + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Points the fleet at {@code version}, one epoch on from the pointer before. */
    public void markAccepted(long version) throws IOException {
        if (!Files.exists(file(version, ".model"))) throw new IllegalArgumentException("no stored model v" + version);
        long epoch = acceptedEpoch() + 1;
        writeAtomically(dir.resolve(ACCEPTED), (version + " " + epoch).getBytes(StandardCharsets.US_ASCII));
    }

    /** The version the fleet should run, if any was ever accepted. */
    public OptionalLong acceptedVersion() throws IOException {
        long[] p = pointer();
        return p == null ? OptionalLong.empty() : OptionalLong.of(p[0]);
    }

    /**
     * How many times the pointer has moved: the {@link io.fedmq.protocol.AcceptedModel#epoch()} nodes compare, so
     * that a replayed older pointer is refused. 0 before any accept (and for a trail written before epochs).
     */
    public long acceptedEpoch() throws IOException {
        long[] p = pointer();
        return p == null ? 0 : p[1];
    }

    /** {version, epoch} from the ACCEPTED file ("V" from before epochs reads as epoch 0), or null. */
    private long[] pointer() throws IOException {
        Path pointer = dir.resolve(ACCEPTED);
        if (!Files.exists(pointer)) return null;
        String text = Files.readString(pointer, StandardCharsets.US_ASCII).trim();
        String[] parts = text.split(" ", -1);
        try {
            if (parts.length == 1) return new long[] {Long.parseLong(parts[0]), 0};
            if (parts.length == 2) return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IOException(pointer + " should hold a version number and its epoch, holds '" + text + "'");
    }

    /** The accepted model, if any was ever accepted. */
    public Optional<GlobalModel> accepted() throws IOException {
        OptionalLong v = acceptedVersion();
        return v.isPresent() ? Optional.of(load(v.getAsLong())) : Optional.empty();
    }

    public boolean contains(long version) { return Files.exists(file(version, ".model")); }

    public GlobalModel load(long version) throws IOException {
        if (!contains(version)) throw new IOException("no model v" + version + " in " + dir);
        try {
            GlobalModel m = codec.decode(Files.readAllBytes(file(version, ".model")), GlobalModel.class);
            if (m.version() != version) throw new IOException(file(version, ".model") + " holds v" + m.version());
            return m;
        } catch (WireFormatException e) {
            throw new IOException("stored model v" + version + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Size of the stored model file in bytes. */
    public long modelBytes(long version) throws IOException { return Files.size(file(version, ".model")); }

    public Optional<ModelRecord> record(long version) throws IOException {
        Path f = file(version, ".properties");
        if (!Files.exists(f)) return Optional.empty();
        Properties p = readProperties(f);
        try {
            int participants = Integer.parseInt(p.getProperty("participants"));
            return Optional.of(new ModelRecord(Long.parseLong(p.getProperty("version")), Long.parseLong(p.getProperty("parent")),
                    Long.parseLong(p.getProperty("round")), p.getProperty("hash"), p.getProperty("strategy"),
                    Integer.parseInt(p.getProperty("selected", Integer.toString(participants))), participants,
                    Integer.parseInt(p.getProperty("reports")), Double.parseDouble(p.getProperty("accuracy")),
                    Double.parseDouble(p.getProperty("loss")), ModelRecord.Status.valueOf(p.getProperty("status")),
                    p.getProperty("reason"), Instant.parse(p.getProperty("created", Instant.EPOCH.toString()))));
        } catch (RuntimeException e) {
            throw new IOException("record " + f + " is damaged: " + e, e);
        }
    }

    /** Every stored record, oldest first. */
    public List<ModelRecord> list() throws IOException {
        List<ModelRecord> out = new ArrayList<>();
        for (long v : versions()) record(v).ifPresent(out::add);
        return out;
    }

    /** The highest stored version, 0 when empty. */
    public long latestVersion() throws IOException {
        List<Long> v = versions();
        return v.isEmpty() ? 0 : v.get(v.size() - 1);
    }

    /** Appends one line to the trail's history, flushed to the disk before returning. */
    public void appendHistory(String event) throws IOException {
        String line = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + event.replace('\n', ' ') + "\n";
        Files.writeString(dir.resolve(HISTORY), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.DSYNC);
    }

    /** The history, oldest first. */
    public List<String> history() throws IOException {
        Path f = dir.resolve(HISTORY);
        return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
    }

    /** A step that reads and writes the store. */
    @FunctionalInterface
    public interface StoreStep<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code step} holding the store's lock: an operator's rollback and the orchestrator's verdict never
     * interleave, whether they run in one process or two.
     */
    public <T> T locked(StoreStep<T> step) throws IOException {
        synchronized (ModelStore.class) { // a JVM may hold a file's lock only once
            try (FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                return step.run();
            }
        }
    }

    Path journalFile() { return dir.resolve("ROUND"); }

    private List<Long> versions() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("v\\d+\\.model"))
                    .map(n -> Long.parseLong(n.substring(1, n.length() - ".model".length()))).sorted().toList();
        }
    }

    private Path file(long version, String suffix) { return dir.resolve(String.format("v%06d%s", version, suffix)); }

    void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(dir, ".write", ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true); // on the disk before the rename makes it visible: a power cut leaves old or new, never empty
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
