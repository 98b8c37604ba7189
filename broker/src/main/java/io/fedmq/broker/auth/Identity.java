package io.fedmq.broker.auth;

import io.fedmq.protocol.Topics;
import java.util.Objects;

/**
 * One entry of the credentials store: who, as what, in which fleet, and the hash of its password.
 *
 * @param name  the MQTT user name; for a node, its node id
 * @param role  what it may do (see {@link AccessPolicy})
 * @param fleet the fleet it belongs to, or {@value #ALL_FLEETS} for a monitor of every fleet
 * @param hash  its password hash, or null once it is revoked
 */
public record Identity(String name, Role role, String fleet, PasswordHash hash) {
    /** The fleet of a monitor that may watch every fleet on the broker. */
    public static final String ALL_FLEETS = "*";

    public Identity {
        Topics.requireName(name, "identity");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(fleet, "fleet");
        if (fleet.equals(ALL_FLEETS)) {
            if (role != Role.MONITOR) throw new IllegalArgumentException("only a monitor may have fleet " + ALL_FLEETS);
        } else {
            Topics.requireName(fleet, "fleet");
        }
    }

    public boolean revoked() { return hash == null; }

    /** The same identity with its password hash removed: it can never log in again until it is enrolled anew. */
    public Identity revoke() { return new Identity(name, role, fleet, null); }

    /** For log lines: "node pi-1 of fleet home". */
    public String describe() {
        return role.id() + " " + name + (fleet.equals(ALL_FLEETS) ? " of every fleet" : " of fleet " + fleet);
    }
}
