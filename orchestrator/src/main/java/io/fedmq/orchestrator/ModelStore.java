package io.fedmq.orchestrator;

import io.fedmq.protocol.GlobalModel;
import io.fedmq.protocol.WireCodec;
import io.fedmq.protocol.WireFormatException;
import io.fedmq.protocol.aggregation.ServerState;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Every model version on disk: {@code v<version>.model} holds the model in its wire format (so its hash can be
 * checked on load) and {@code v<version>.properties} its {@link ModelRecord}; {@code ACCEPTED} names the version
 * the fleet should run. Every write goes to a temporary file first and is moved into place atomically, so a
 * crash never leaves a half-written model or pointer behind.
 */
public final class ModelStore {
    private static final String ACCEPTED = "ACCEPTED";

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
        p.setProperty("participants", Integer.toString(r.participants()));
        p.setProperty("reports", Integer.toString(r.reports()));
        p.setProperty("accuracy", Double.toString(r.accuracy()));
        p.setProperty("loss", Double.toString(r.loss()));
        p.setProperty("status", r.status().name());
        p.setProperty("reason", r.reason());
        Path tmp = Files.createTempFile(dir, ".record", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "fedmq model v" + r.version());
        }
        Files.move(tmp, file(r.version(), ".properties"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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

    public void markAccepted(long version) throws IOException {
        if (!Files.exists(file(version, ".model"))) throw new IllegalArgumentException("no stored model v" + version);
        writeAtomically(dir.resolve(ACCEPTED), Long.toString(version).getBytes(StandardCharsets.US_ASCII));
    }

    /** The accepted model, if any was ever accepted. */
    public Optional<GlobalModel> accepted() throws IOException {
        Path pointer = dir.resolve(ACCEPTED);
        if (!Files.exists(pointer)) return Optional.empty();
        long v = Long.parseLong(Files.readString(pointer, StandardCharsets.US_ASCII).trim());
        return Optional.of(load(v));
    }

    public GlobalModel load(long version) throws IOException {
        try {
            GlobalModel m = codec.decode(Files.readAllBytes(file(version, ".model")), GlobalModel.class);
            if (m.version() != version) throw new IOException(file(version, ".model") + " holds v" + m.version());
            return m;
        } catch (WireFormatException e) {
            throw new IOException("stored model v" + version + " is damaged: " + e.getMessage(), e);
        }
    }

    public Optional<ModelRecord> record(long version) throws IOException {
        Path f = file(version, ".properties");
        if (!Files.exists(f)) return Optional.empty();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return Optional.of(new ModelRecord(Long.parseLong(p.getProperty("version")), Long.parseLong(p.getProperty("parent")),
                Long.parseLong(p.getProperty("round")), p.getProperty("hash"), p.getProperty("strategy"),
                Integer.parseInt(p.getProperty("participants")), Integer.parseInt(p.getProperty("reports")),
                Double.parseDouble(p.getProperty("accuracy")), Double.parseDouble(p.getProperty("loss")),
                ModelRecord.Status.valueOf(p.getProperty("status")), p.getProperty("reason")));
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

    private List<Long> versions() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("v\\d+\\.model"))
                    .map(n -> Long.parseLong(n.substring(1, n.length() - ".model".length()))).sorted().toList();
        }
    }

    private Path file(long version, String suffix) { return dir.resolve(String.format("v%06d%s", version, suffix)); }

    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(dir, ".write", ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
