package io.fedmq.broker;

/**
 * MQTT topic-filter logic for access rules: whether a topic is in a filter, and whether one filter lies wholly
 * inside another.
 *
 * <p>The second is where HiveMQ's own permission matching is too generous to rely on alone: it lets a
 * permission's '+' stand for a subscription's '#' on the last level, so a permission for {@code round/+/+}
 * admits a subscription to {@code round/+/#}, and with it every node's messages. {@link #covers} does not.
 */
final class TopicFilters {
    private TopicFilters() {}

    /**
     * Whether {@code topic} (no wildcards) is matched by {@code filter}: '+' is one level, '#' this level and all
     * below, including the parent ({@code a/#} matches {@code a}). Topics starting with '$' match no wildcard.
     */
    static boolean matches(String filter, String topic) {
        if (topic.contains("+") || topic.contains("#")) return false;
        return covers(filter, topic);
    }

    /** Whether every topic that {@code requested} matches is also matched by {@code filter}. */
    static boolean covers(String filter, String requested) {
        if (requested.startsWith("$")) return false; // $SYS and shared subscriptions ($share/...) are nobody's
        String[] f = filter.split("/", -1);
        String[] r = requested.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) return true;
            if (i >= r.length) return false;
            if (r[i].equals("#")) return false; // only '#' covers '#'
            if (f[i].equals("+")) continue;     // '+' covers '+' and any one name
            if (!f[i].equals(r[i])) return false;
        }
        return f.length == r.length;
    }
}
