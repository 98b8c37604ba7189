package io.fedmq.app;

import io.fedmq.protocol.security.SigningKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import picocli.CommandLine.Option;

/** The orchestrator's signing key: every round, model and pointer it publishes is signed with it. */
final class SigningOptions {
    @Option(names = "--signing-key", defaultValue = "fedmq-data/orchestrator.key", paramLabel = "FILE",
            description = "the orchestrator's Ed25519 key, created (mode 600) on first use; its public half is written next to it "
                    + "as FILE.pub for the nodes to pin (default: ${DEFAULT-VALUE})")
    Path signingKey;

    /** Loads or creates the key pair and (re)writes the public half the nodes pin. */
    KeyPair keys() throws IOException {
        KeyPair pair = SigningKeys.loadOrCreate(signingKey);
        Files.writeString(publicFile(), SigningKeys.encodePublic(pair.getPublic()) + "\n", StandardCharsets.US_ASCII);
        return pair;
    }

    /** The existing key pair; never creates one (a new key would be one no node pins). */
    KeyPair existingKeys() throws IOException {
        if (!Files.exists(signingKey)) {
            throw new IllegalArgumentException("no signing key at " + signingKey + ": pass the orchestrator's --signing-key");
        }
        return SigningKeys.load(signingKey);
    }

    Path publicFile() { return signingKey.resolveSibling(signingKey.getFileName() + ".pub"); }
}
