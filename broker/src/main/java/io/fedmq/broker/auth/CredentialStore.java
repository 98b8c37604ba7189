package io.fedmq.broker.auth;

import io.fedmq.protocol.security.SecretFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Who may connect to a fedmq broker: one text file, one identity per line, mode 600, written only by
 * {@code fedmq enroll} and {@code fedmq revoke} (through {@link #update}) and read by the broker.
 *
 * <pre>
 * # NAME = ROLE FLEET CREDENTIAL
 * pi-1 = node home pbkdf2-sha256:600000:SALT:HASH
 * orchestrator = orchestrator home pbkdf2-sha256:600000:SALT:HASH
 * pi-2 = node home revoked
 * watch = monitor * pbkdf2-sha256:600000:SALT:HASH
 * </pre>
 *
 * An instance is an immutable snapshot. The file is replaced atomically (written beside it, then renamed), so a
 * broker reading it meanwhile sees the old or the new store, never half of one.
 */
public final class CredentialStore {
    /** What a store file may be: read and written by its owner alone. */
    public static final Set<PosixFilePermission> OWNER_ONLY = SecretFiles.OWNER_ONLY;
    private static final String REVOKED = "revoked";
    private static final String HEADER = """
            # fedmq credentials: who may connect to the broker, and as what. Keep this file mode 600.
            # Written by `fedmq enroll` and `fedmq revoke`; the broker rereads it when it changes.
            # NAME = ROLE FLEET CREDENTIAL   (FLEET * is a monitor of every fleet; CREDENTIAL is a PBKDF2 hash or "revoked")
            """;

    /** File locks are held per process; this keeps two threads of one process apart too. */
    private static final Object IN_PROCESS = new Object();

    private final Map<String, Identity> identities;

    private CredentialStore(Map<String, Identity> identities) { this.identities = Collections.unmodifiableMap(identities); }

    public static CredentialStore empty() { return new CredentialStore(new TreeMap<>()); }

    public Optional<Identity> find(String name) { return Optional.ofNullable(identities.get(name)); }

    /** Every identity, revoked ones included, by name. */
    public Collection<Identity> identities() { return identities.values(); }

    /** This store with {@code identity} added, or replacing the entry of the same name. */
    public CredentialStore with(Identity identity) {
        Map<String, Identity> copy = new TreeMap<>(identities);
        copy.put(identity.name(), identity);
        return new CredentialStore(copy);
    }

    /**
     * Reads a store file. A missing file is an empty store (a broker started before anyone was enrolled refuses
     * everyone until then); anything malformed is refused with the line number and what is wrong.
     */
    public static CredentialStore read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return empty();
        }
        Map<String, Identity> out = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            try {
                Identity id = parseLine(line);
                if (out.putIfAbsent(id.name(), id) != null) throw new IllegalArgumentException("identity " + id.name() + " is listed twice");
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(file + ": " + String.join("; ", problems));
        return new CredentialStore(out);
    }

    private static Identity parseLine(String line) {
        int eq = line.indexOf('=');
        if (eq < 0) throw new IllegalArgumentException("expected NAME = ROLE FLEET CREDENTIAL");
        String name = line.substring(0, eq).strip();
        String[] v = line.substring(eq + 1).strip().split("\\s+");
        if (v.length != 3) throw new IllegalArgumentException("expected NAME = ROLE FLEET CREDENTIAL for " + name);
        PasswordHash hash = v[2].equals(REVOKED) ? null : PasswordHash.parse(v[2]);
        return new Identity(name, Role.parse(v[0]), v[1], hash);
    }

    /** The file's text. */
    String render() {
        StringBuilder sb = new StringBuilder(HEADER);
        for (Identity id : identities.values()) {
            sb.append(id.name()).append(" = ").append(id.role().id()).append(' ').append(id.fleet()).append(' ')
                    .append(id.revoked() ? REVOKED : id.hash().encode()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Reads the store, applies {@code change} and writes the result, holding a lock so that two enrolments at
     * once cannot lose one another. The file is created, and always left, mode 600.
     *
     * @return the store as written
     */
    public static CredentialStore update(Path file, UnaryOperator<CredentialStore> change) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path lockFile = dir.resolve(file.getFileName() + ".lock");
        synchronized (IN_PROCESS) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                CredentialStore next = change.apply(read(file));
                write(file, next.render());
                return next;
            }
        }
    }

    private static void write(Path file, String text) throws IOException {
        SecretFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static boolean posix(Path dir) { return SecretFiles.posix(dir); }
}
