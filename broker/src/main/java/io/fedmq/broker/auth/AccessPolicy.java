package io.fedmq.broker.auth;

import static io.fedmq.broker.AccessRule.publish;
import static io.fedmq.broker.AccessRule.publishRetained;
import static io.fedmq.broker.AccessRule.subscribe;

import io.fedmq.broker.AccessRule;
import io.fedmq.protocol.ClientIds;
import io.fedmq.protocol.Topics;
import java.util.List;

/**
 * What each role may do, derived from the protocol's own topic tree ({@link Topics}) and client ids
 * ({@link ClientIds}): no topic is spelled here, so the ACLs move with the protocol.
 *
 * <ul>
 *   <li>A node publishes its status (the only place it may retain: its Last Will lives there) and its own stage
 *       messages; it reads the round, the models, the outcome, the orchestrator's stage broadcasts and its own inbox.
 *       It can neither speak for another node nor read another's inbox, and cannot plant a retained model.
 *   <li>The orchestrator publishes the retained round, models and outcome, its stage broadcasts and the nodes'
 *       inboxes; it reads the nodes' status and stage messages.
 *   <li>A monitor reads its fleet (or every fleet) and publishes nothing.
 *   <li>An operator republishes models and the accepted pointer, for a rollback, and reads nothing.
 * </ul>
 */
public final class AccessPolicy {
    private AccessPolicy() {}

    public static List<AccessRule> rules(Identity identity) {
        if (identity.role() == Role.MONITOR && identity.fleet().equals(Identity.ALL_FLEETS)) {
            return List.of(subscribe(Topics.allFleets()));
        }
        Topics t = new Topics(identity.fleet());
        String me = identity.name();
        return switch (identity.role()) {
            case NODE -> List.of(
                    publishRetained(t.nodeStatus(me)),
                    publish(t.nodeStageFilter(me)),
                    subscribe(t.round()),
                    subscribe(t.modelFilter()),
                    subscribe(t.outcome()),
                    subscribe(t.stageFilter()),
                    subscribe(t.nodeInbox(me)));
            case ORCHESTRATOR -> List.of(
                    publishRetained(t.round()),
                    publishRetained(t.modelFilter()),
                    publishRetained(t.outcome()),
                    publish(t.stageFilter()),
                    publish(t.nodeInboxFilter()),
                    subscribe(t.nodeStatusFilter()),
                    subscribe(t.nodeStageFilter()));
            case MONITOR -> List.of(subscribe(t.all()));
            case OPERATOR -> List.of(publishRetained(t.modelFilter()));
        };
    }

    /** Whether {@code clientId} is one this identity's program connects with (see {@link ClientIds}). */
    public static boolean ownsClientId(Identity identity, String clientId) {
        return switch (identity.role()) {
            case NODE -> clientId.equals(ClientIds.node(identity.fleet(), identity.name()));
            case ORCHESTRATOR -> clientId.equals(ClientIds.orchestrator(identity.fleet()));
            case MONITOR -> ClientIds.isMonitor(identity.name(), clientId);
            case OPERATOR -> ClientIds.isOperator(identity.name(), clientId);
        };
    }

    /** The client id (or its form) the identity must connect with, for the log line that refuses another. */
    static String expectedClientId(Identity identity) {
        return switch (identity.role()) {
            case NODE -> ClientIds.node(identity.fleet(), identity.name());
            case ORCHESTRATOR -> ClientIds.orchestrator(identity.fleet());
            case MONITOR -> ClientIds.monitorForm(identity.name());
            case OPERATOR -> ClientIds.operatorForm(identity.name());
        };
    }
}
