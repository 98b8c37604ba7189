package io.fedmq.app;

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
}
