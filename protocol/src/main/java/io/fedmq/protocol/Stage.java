package io.fedmq.protocol;

/** The per-round stages that have a topic of their own under {@code round/{r}/}. */
public enum Stage {
    /** A node's plain model update (only when secure aggregation is explicitly off). */
    UPDATE("update"),
    /** A node's evaluation of the candidate model on its held-out data. */
    REPORT("report");

    private final String segment;

    Stage(String segment) { this.segment = segment; }

    /** The topic segment, in lower case. */
    public String segment() { return segment; }

    public static Stage fromSegment(String segment) {
        for (Stage s : values()) if (s.segment.equals(segment)) return s;
        throw new IllegalArgumentException("unknown stage '" + segment + "'");
    }
}
