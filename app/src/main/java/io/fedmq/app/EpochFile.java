package io.fedmq.app;

import io.fedmq.node.EpochMemory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's {@link EpochMemory} in its state folder: one number, written once per accepted model (not per
 * message), atomically. A damaged or unreadable file is reported and read as 0: the node then trusts the broker's
 * pointer as before, rather than refusing to run.
 */
final class EpochFile implements EpochMemory {
    private static final Logger log = LoggerFactory.getLogger(EpochFile.class);
    static final String NAME = "accepted-epoch";

    private final Path file;

    EpochFile(Path stateDir) { this.file = stateDir.resolve(NAME); }

    @Override
    public long load() {
        if (!Files.exists(file)) return 0;
        try {
            long epoch = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (epoch < 0) throw new NumberFormatException("negative");
            return epoch;
        } catch (IOException | NumberFormatException e) {
            log.error("Cannot read the accepted-model epoch from {} ({}); a replayed older pointer would be followed once", file, e.getMessage());
            return 0;
        }
    }

    @Override
    public void save(long epoch) {
        Path tmp = file.resolveSibling(NAME + ".tmp");
        try {
            Files.writeString(tmp, Long.toString(epoch), StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.error("Cannot save the accepted-model epoch {} to {}: {}", epoch, file, e.getMessage());
        }
    }
}
