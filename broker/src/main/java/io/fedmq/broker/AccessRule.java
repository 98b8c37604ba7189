package io.fedmq.broker;

import java.util.Objects;

/**
 * One thing an authenticated client may do, in fedmq's terms rather than HiveMQ's: publish on, or subscribe to,
 * the topics of one filter. Rules only ever allow; whatever no rule allows is denied.
 *
 * @param filter        an MQTT topic filter, as {@code Topics} spells it
 * @param activity      publishing or subscribing
 * @param retainAllowed for publishing: whether the client may also publish retained messages there (a retained
 *                      message is what every later subscriber receives first, so it is granted sparingly)
 */
public record AccessRule(String filter, Activity activity, boolean retainAllowed) {

    public enum Activity { PUBLISH, SUBSCRIBE }

    public AccessRule {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(activity, "activity");
        if (filter.isEmpty()) throw new IllegalArgumentException("filter must not be empty");
        if (activity == Activity.SUBSCRIBE && retainAllowed) throw new IllegalArgumentException("retain applies to publishing only");
    }

    /** Publish on {@code filter}, never retained. */
    public static AccessRule publish(String filter) { return new AccessRule(filter, Activity.PUBLISH, false); }

    /** Publish on {@code filter}, retained or not. */
    public static AccessRule publishRetained(String filter) { return new AccessRule(filter, Activity.PUBLISH, true); }

    /** Subscribe to {@code filter} or to any narrower filter. */
    public static AccessRule subscribe(String filter) { return new AccessRule(filter, Activity.SUBSCRIBE, false); }

    /** Whether this rule lets a client publish a message on {@code topic}. */
    public boolean allowsPublish(String topic, boolean retained) {
        return activity == Activity.PUBLISH && (retainAllowed || !retained) && TopicFilters.matches(filter, topic);
    }

    /** Whether this rule lets a client subscribe to {@code requested}: only if every topic it matches is in this rule's filter. */
    public boolean allowsSubscribe(String requested) {
        return activity == Activity.SUBSCRIBE && TopicFilters.covers(filter, requested);
    }

    @Override
    public String toString() {
        return (activity == Activity.PUBLISH ? (retainAllowed ? "publish (retained too) " : "publish ") : "subscribe ") + filter;
    }
}
