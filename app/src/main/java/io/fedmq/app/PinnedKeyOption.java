package io.fedmq.app;

import io.fedmq.protocol.security.SigningKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import picocli.CommandLine.Option;

/** The orchestrator's public key a node pins: it refuses every round, model and pointer not signed by it. */
final class PinnedKeyOption {
    @Option(names = "--orchestrator-key", defaultValue = "fedmq-data/orchestrator.key.pub", paramLabel = "KEY|FILE",
            description = "the orchestrator's Ed25519 public key (Base64), or a file holding it; the orchestrator writes it "
                    + "next to its --signing-key (default: ${DEFAULT-VALUE})")
    String orchestratorKey;

    PublicKey publicKey() throws IOException {
        Path file = Path.of(orchestratorKey);
        String text;
        if (Files.isRegularFile(file)) {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } else if (orchestratorKey.endsWith(".pub") || orchestratorKey.contains("/")) {
            throw new IllegalArgumentException("no orchestrator key at " + orchestratorKey + ": pass --orchestrator-key with the key "
                    + "the orchestrator printed at start, or the .pub file it wrote next to its --signing-key");
        } else {
            text = orchestratorKey;
        }
        try {
            return SigningKeys.decodePublic(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--orchestrator-key: " + e.getMessage());
        }
    }
}
