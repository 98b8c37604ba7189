package io.fedmq.broker.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What kind of program an identity is; its {@link AccessPolicy} follows from it. */
public enum Role {
    /** An edge node: publishes under its own id only, reads what the orchestrator sends. */
    NODE,
    /** The fleet's orchestrator: publishes rounds, models and outcomes, reads what nodes send. */
    ORCHESTRATOR,
    /** Reads a fleet's traffic (or every fleet's), publishes nothing. */
    MONITOR,
    /** Runs one-off commands: republishes a model and the accepted pointer on a rollback. */
    OPERATOR;

    /** The name in the credentials file and on the command line. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Role parse(String text) {
        for (Role r : values()) if (r.id().equals(text)) return r;
        throw new IllegalArgumentException("role must be one of " + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "))
                + ", got '" + text + "'");
    }
}
