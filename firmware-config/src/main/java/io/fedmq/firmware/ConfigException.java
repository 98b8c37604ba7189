package io.fedmq.firmware;

import java.util.List;

/**
 * A node config that cannot be used, with every problem found, not just the first: whoever edits the file on a
 * Pi over SSH should fix it in one go. Each problem names its key and, when it has one, its file and line.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * The exit code of a node that stops on a bad config: the systemd unit lists it in
     * {@code RestartPreventExitStatus}, since restarting cannot fix a file.
     */
    public static final int EXIT_CODE = 2;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("a ConfigException needs a problem");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() { return problems; }
}
