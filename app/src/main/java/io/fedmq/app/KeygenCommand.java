package io.fedmq.app;

import io.fedmq.protocol.security.SigningKeys;
import java.nio.file.Files;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code fedmq keygen}: the orchestrator's signing key made ahead of its first start, so that a provisioning tool can
 * hand the public half to the nodes before the orchestrator has ever run. A key that exists is kept: a new one would
 * be a key no node pins.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Create the orchestrator's Ed25519 signing key (mode 600) and its public half FILE.pub for the nodes to pin, "
                + "as the orchestrator does on its first start. An existing key is kept and its .pub rewritten.")
final class KeygenCommand implements Callable<Integer> {
    @Mixin SigningOptions signing = new SigningOptions();

    @Override
    public Integer call() throws Exception {
        boolean existed = Files.exists(signing.signingKey);
        KeyPair keys = signing.keys();
        System.out.println((existed ? "kept the signing key " : "created the signing key ") + signing.signingKey
                + " (" + SigningKeys.fingerprint(keys.getPublic()) + "; keep it secret, on the orchestrator's host only)");
        System.out.println("  nodes pin:   " + signing.publicFile());
        return 0;
    }
}
