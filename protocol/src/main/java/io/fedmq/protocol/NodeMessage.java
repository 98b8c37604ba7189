package io.fedmq.protocol;

/** What a node sends on its own stage topics: always for one round, always naming itself. */
public sealed interface NodeMessage extends Message
        permits ModelUpdate, EvaluationReport, KeyAdvertisement, EncryptedShares, MaskedInput, UnmaskShares {
    long round();

    String nodeId();
}
