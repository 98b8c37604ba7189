package io.fedmq.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fleet's topic tree, the one place where topic names are spelled. The broker's ACLs, the orchestrator,
 * the nodes and the monitor all derive their topics and filters from here.
 *
 * <pre>
 * fedmq/v1/{fleet}/round                          retained, orchestrator: the current {@link RoundState}
 * fedmq/v1/{fleet}/model/{version}                retained, orchestrator: a {@link GlobalModel}
 * fedmq/v1/{fleet}/model/accepted                 retained, orchestrator: the {@link AcceptedModel} pointer
 * fedmq/v1/{fleet}/outcome                        retained, orchestrator: how the last round ended ({@link RoundOutcome})
 * fedmq/v1/{fleet}/nodes/{nodeId}/status          retained, that node (and its Last Will): {@link NodeStatus}
 * fedmq/v1/{fleet}/nodes/{nodeId}/inbox           orchestrator: what is for that node alone ({@link ShareBundle})
 * fedmq/v1/{fleet}/round/{round}/{stage}/{nodeId} that node: what it sends for one stage of one round
 * fedmq/v1/{fleet}/round/{round}/{stage}          orchestrator: what it relays to the nodes for one stage
 * </pre>
 *
 * <p>The filters below are also what the broker's access rules are built from (see the broker's
 * {@code AccessPolicy}), so a topic that moves here moves in the ACLs too.
 */
public final class Topics {
    /** The root every fedmq topic starts with; {@code v1} is the topic-tree version, not the wire version. */
    public static final String ROOT = "fedmq/v1";
    /** The name under {@code model/} that points at the version the fleet should run. */
    public static final String ACCEPTED = "accepted";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final String fleet;
    private final String prefix;

    public Topics(String fleet) {
        this.fleet = requireName(fleet, "fleet");
        this.prefix = ROOT + "/" + fleet + "/";
    }

    /** Checks a fleet or node name: 1 to 64 characters of letters, digits, '_', '-', '.', no wildcards or '/'. */
    public static String requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be 1-64 of [A-Za-z0-9_.-] starting with a letter or digit, got '" + name + "'");
        }
        return name;
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public String fleet() { return fleet; }

    /** Everything of this fleet: for monitors. */
    public String all() { return prefix + "#"; }

    /** Everything of every fleet on a broker: for a monitor allowed to watch them all. */
    public static String allFleets() { return ROOT + "/#"; }

    public String round() { return prefix + "round"; }

    public String outcome() { return prefix + "outcome"; }

    public String model(long version) { return prefix + "model/" + version; }

    public String modelFilter() { return prefix + "model/+"; }

    public String acceptedModel() { return prefix + "model/" + ACCEPTED; }

    public String nodeStatus(String nodeId) { return prefix + "nodes/" + requireName(nodeId, "node id") + "/status"; }

    public String nodeStatusFilter() { return prefix + "nodes/+/status"; }

    public String nodeInbox(String nodeId) { return prefix + "nodes/" + requireName(nodeId, "node id") + "/inbox"; }

    /** Every node's inbox: where the orchestrator may publish. */
    public String nodeInboxFilter() { return prefix + "nodes/+/inbox"; }

    public String nodeStage(long round, Stage stage, String nodeId) {
        return prefix + "round/" + round + "/" + stage.segment() + "/" + requireName(nodeId, "node id");
    }

    /** What every node sends, for the orchestrator to subscribe to. */
    public String nodeStageFilter() { return prefix + "round/+/+/+"; }

    /** What one node sends, in every round and stage: the only stage topics that node may publish on. */
    public String nodeStageFilter(String nodeId) { return prefix + "round/+/+/" + requireName(nodeId, "node id"); }

    public String stage(long round, Stage stage) { return prefix + "round/" + round + "/" + stage.segment(); }

    /** What the orchestrator relays to the nodes, for every round and stage. */
    public String stageFilter() { return prefix + "round/+/+"; }

    /** Where a received topic sits in the tree; empty when it is not one of this fleet's topics. */
    public Optional<Address> parse(String topic) {
        if (topic == null || !topic.startsWith(prefix)) return Optional.empty();
        String[] p = topic.substring(prefix.length()).split("/", -1);
        try {
            switch (p[0]) {
                case "round":
                    if (p.length == 1) return Optional.of(new Address(Kind.ROUND, -1, null, null, -1));
                    long round = Long.parseLong(p[1]);
                    Stage stage = Stage.fromSegment(p[2]);
                    if (p.length == 3) return Optional.of(new Address(Kind.STAGE, round, stage, null, -1));
                    if (p.length == 4 && isValidName(p[3])) return Optional.of(new Address(Kind.NODE_STAGE, round, stage, p[3], -1));
                    return Optional.empty();
                case "outcome":
                    return p.length == 1 ? Optional.of(new Address(Kind.OUTCOME, -1, null, null, -1)) : Optional.empty();
                case "model":
                    if (p.length != 2) return Optional.empty();
                    if (p[1].equals(ACCEPTED)) return Optional.of(new Address(Kind.ACCEPTED_MODEL, -1, null, null, -1));
                    return Optional.of(new Address(Kind.MODEL, -1, null, null, Long.parseLong(p[1])));
                case "nodes":
                    if (p.length == 3 && p[2].equals("status") && isValidName(p[1])) {
                        return Optional.of(new Address(Kind.NODE_STATUS, -1, null, p[1], -1));
                    }
                    if (p.length == 3 && p[2].equals("inbox") && isValidName(p[1])) {
                        return Optional.of(new Address(Kind.NODE_INBOX, -1, null, p[1], -1));
                    }
                    return Optional.empty();
                default:
                    return Optional.empty();
            }
        } catch (RuntimeException e) { // bad number, unknown stage, missing segment
            return Optional.empty();
        }
    }

    /** The kinds of topic in the tree. */
    public enum Kind { ROUND, OUTCOME, MODEL, ACCEPTED_MODEL, NODE_STATUS, NODE_INBOX, NODE_STAGE, STAGE }

    /**
     * A parsed topic. Fields that the kind does not have are -1 or null.
     *
     * @param round   the round of a (node) stage topic
     * @param stage   the stage of a (node) stage topic
     * @param nodeId  the node of a node stage or status topic
     * @param version the version of a model topic
     */
    public record Address(Kind kind, long round, Stage stage, String nodeId, long version) {}
}
