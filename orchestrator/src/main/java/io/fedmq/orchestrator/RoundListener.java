package io.fedmq.orchestrator;

/** Hears how rounds progress: the demo prints it, tests record it. Called on the round thread; keep it short. */
public interface RoundListener {
    /** A phase has heard from {@code answered} of {@code expected} nodes. */
    default void onProgress(long round, String phase, int answered, int expected) {}

    /** A message was refused; {@code source} is the topic or node it came from. */
    default void onRejected(String source, String reason) {}

    default void onRoundFinished(RoundReport report) {}

    RoundListener NONE = new RoundListener() {};
}
