package io.fedmq.app;

import io.fedmq.firmware.ConfigException;
import io.fedmq.firmware.ConfigFile;
import io.fedmq.firmware.ConfigKey;
import io.fedmq.firmware.NodeConfig;
import io.fedmq.firmware.Setting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ParseResult;

/**
 * A node's settings: the config file's keys, with the options typed on the command line laid over them. Both go
 * through the one validator, so a bad {@code --broker} and a bad {@code mqtt.broker} get the same message.
 */
final class NodeSettings {
    private final Path file;
    private final ParseResult parsed;
    private final List<Setting> options = new ArrayList<>();
    private final Map<String, String> optionOfKey = new HashMap<>();

    /** @param file the config file, or null to run from options and defaults alone (off the Pi, the demo) */
    NodeSettings(Path file, ParseResult parsed) {
        this.file = file;
        this.parsed = parsed;
    }

    /**
     * Maps an option onto its key. Without a file every option counts, its picocli default included; with one,
     * only an option the user typed overrides the file, never a default.
     */
    NodeSettings option(String name, ConfigKey key, Object value) {
        optionOfKey.put(key.key(), name);
        if (value != null && (file == null || parsed.hasMatchedOption(name))) options.add(new Setting(key.key(), value.toString(), name));
        return this;
    }

    NodeConfig resolve() throws ConfigException {
        List<Setting> all = new ArrayList<>(file == null ? List.of() : ConfigFile.read(file));
        all.addAll(options);
        try {
            return NodeConfig.from(all);
        } catch (ConfigException e) {
            throw file != null ? e : new ConfigException(e.problems().stream().map(this::inOptionTerms).toList());
        }
    }

    /** Without a file, "missing required key node.id" is better said as "missing --id". */
    private String inOptionTerms(String problem) {
        for (Map.Entry<String, String> e : optionOfKey.entrySet()) {
            String missing = "missing required key " + e.getKey() + ":";
            if (problem.startsWith(missing)) return "missing " + e.getValue() + " (or " + e.getKey() + " in a --config file):" + problem.substring(missing.length());
        }
        return problem;
    }
}
