package io.fedmq.protocol;

/**
 * Everything that travels on a fedmq topic. Each message is an immutable record that validates itself
 * in its compact constructor, so a decoded message is always a well-formed one.
 */
public sealed interface Message
        permits RoundState, GlobalModel, AcceptedModel, NodeStatus, KeyRoster, ShareBundle, UnmaskRequest, RoundOutcome, NodeMessage {
}
