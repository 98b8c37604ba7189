package io.fedmq.protocol;

/** The per-round stages that have a topic of their own under {@code round/{r}/}. */
public enum Stage {
    /** A node's plain model update (only when secure aggregation is explicitly off). */
    UPDATE("update"),
    /** A node's evaluation of the candidate model on its held-out data. */
    REPORT("report"),
    /** Secure aggregation: a node's public keys; the orchestrator's key roster on the stage topic. */
    KEYS("keys"),
    /** Secure aggregation: a node's encrypted shares for its neighbours. */
    SHARES("shares"),
    /** Secure aggregation: a node's masked input. */
    MASKED("masked"),
    /** Secure aggregation: the orchestrator's unmask request; a node's unmasking shares. */
    UNMASK("unmask");

    private final String segment;

    Stage(String segment) { this.segment = segment; }

    /** The topic segment, in lower case. */
    public String segment() { return segment; }

    /** The message type a node sends on this stage's topic. */
    public Class<? extends NodeMessage> nodeMessage() {
        return switch (this) {
            case UPDATE -> ModelUpdate.class;
            case REPORT -> EvaluationReport.class;
            case KEYS -> KeyAdvertisement.class;
            case SHARES -> EncryptedShares.class;
            case MASKED -> MaskedInput.class;
            case UNMASK -> UnmaskShares.class;
        };
    }

    public static Stage fromSegment(String segment) {
        for (Stage s : values()) if (s.segment.equals(segment)) return s;
        throw new IllegalArgumentException("unknown stage '" + segment + "'");
    }
}
