package io.fedmq.firmware;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a valid config needs of the machine it runs on, checked when the node starts rather than when the file is
 * read: the template must validate on a laptop, but a Pi must not start without its state folder.
 */
public final class Preflight {
    private Preflight() {}

    /** @throws ConfigException naming the key whose folder is missing or not writable */
    public static void check(NodeConfig config) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Path state = config.stateDir();
        if (!Files.isDirectory(state)) {
            problems.add(ConfigKey.STATE_DIR.key() + " = " + state + ": no such folder (the systemd unit's StateDirectory= creates it; by hand: sudo install -d -o fedmq -g fedmq " + state + ")");
        } else if (!Files.isWritable(state)) {
            problems.add(ConfigKey.STATE_DIR.key() + " = " + state + ": this user (" + System.getProperty("user.name") + ") cannot write there");
        }
        if (!NodeConfig.looksLikeKey(config.orchestratorKey())) {
            try {
                config.orchestratorPublicKey();
            } catch (java.io.IOException e) {
                problems.add(ConfigKey.ORCHESTRATOR_KEY.key() + " = " + config.orchestratorKey() + ": cannot read the key: " + e.getMessage());
            }
        }
        if (config.credentials() != null && !Files.isReadable(config.credentials())) {
            problems.add(ConfigKey.CREDENTIALS.key() + " = " + config.credentials() + ": no such file, or this user cannot read it");
        }
        if (config.tls() != null) {
            readable(problems, ConfigKey.TLS_CA, config.tls().ca());
            readable(problems, ConfigKey.TLS_CERT, config.tls().certificate());
            readable(problems, ConfigKey.TLS_KEY, config.tls().key());
        }
        Path data = config.data().path();
        if (data != null && !Files.isDirectory(data)) {
            problems.add(ConfigKey.DATA_SOURCE.key() + " = " + config.data().kind() + ":" + data + ": no such folder");
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
    }

    private static void readable(List<String> problems, ConfigKey key, Path file) {
        if (file != null && !Files.isReadable(file)) problems.add(key.key() + " = " + file + ": no such file, or this user cannot read it");
    }
}
