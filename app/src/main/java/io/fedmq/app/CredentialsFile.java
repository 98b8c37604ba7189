package io.fedmq.app;

import io.fedmq.protocol.security.SecretFiles;
import io.fedmq.mqtt.MqttSettings.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * A program's own MQTT credentials, as {@code fedmq enroll} writes them for it: two lines, {@code username=} and
 * {@code password=}, in a file that only its owner may read. A file that others can read is refused rather than
 * used: the password in it would already be shared with every account on the machine.
 */
final class CredentialsFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = SecretFiles.OWNER_ONLY;
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private CredentialsFile() {}

    static Credentials read(Path file) throws IOException {
        if (posix(file) && Files.exists(file)) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(mode)) {
                throw new IllegalArgumentException(file + " holds a password but is mode " + PosixFilePermissions.toString(mode)
                        + ": make it readable by its owner alone (chmod 600 " + file + ")");
            }
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no credentials file at " + file + " (see ./fedmq enroll)");
        }
        String username = null, password = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            String value = eq < 0 ? "" : line.substring(eq + 1).strip();
            switch (key) {
                case "username" -> username = value;
                case "password" -> password = value;
                default -> throw new IllegalArgumentException(file + ": unknown key '" + key + "'; a credentials file holds username= and password=");
            }
        }
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException(file + " must hold both username= and password=");
        }
        return new Credentials(username, password.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the file mode 600, in a folder of mode 700 when it creates one, replacing an older one atomically. */
    static void write(Path file, String username, byte[] password) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            if (posix(dir.getParent())) Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            else Files.createDirectories(dir);
        }
        String text = "# MQTT credentials of " + username + ", written by `fedmq enroll`. Keep this file mode 600.\n"
                + "username=" + username + "\npassword=" + new String(password, StandardCharsets.US_ASCII) + "\n";
        SecretFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean posix(Path p) { return SecretFiles.posix(p); }
}
