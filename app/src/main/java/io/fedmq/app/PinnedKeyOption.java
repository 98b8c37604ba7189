package io.fedmq.app;

import io.fedmq.protocol.security.SigningKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The orchestrator's public key a node pins: it refuses every round, model and pointer not signed by it. Checked
 * and read by the node's config ({@code orchestrator.key}), so the option and the key file say the same thing.
 */
final class PinnedKeyOption {
    @Option(names = "--orchestrator-key", defaultValue = "fedmq-data/orchestrator.key.pub", paramLabel = "KEY|FILE",
            description = "the orchestrator's Ed25519 public key (Base64), or a file holding it; the orchestrator writes it "
                    + "next to its --signing-key (default: ${DEFAULT-VALUE})")
    String orchestratorKey;

    PublicKey publicKey() throws IOException {
        return publicKeyIfPresent().orElseThrow(() -> new IllegalArgumentException("no orchestrator key at " + orchestratorKey
                + ": pass --orchestrator-key with the key the orchestrator printed at start, or the .pub file it wrote next to its --signing-key"));
    }

    /**
     * The key, or empty when the option names a file that does not exist (yet). A Base64 key may itself contain
     * '/', so the text is tried as a key before it is taken for a missing file's name.
     */
    Optional<PublicKey> publicKeyIfPresent() throws IOException {
        Path file = Path.of(orchestratorKey);
        if (Files.isRegularFile(file)) return Optional.of(decode(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        try {
            return Optional.of(SigningKeys.decodePublic(orchestratorKey));
        } catch (IllegalArgumentException notAKey) {
            if (orchestratorKey.endsWith(".pub") || orchestratorKey.contains("/")) return Optional.empty();
            throw new IllegalArgumentException("--orchestrator-key: " + notAKey.getMessage());
        }
    }

    private static PublicKey decode(String text) {
        try {
            return SigningKeys.decodePublic(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--orchestrator-key: " + e.getMessage());
        }
    }
}
