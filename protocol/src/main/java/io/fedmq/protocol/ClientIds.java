package io.fedmq.protocol;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The MQTT client identifiers of fedmq's programs, spelled in one place: the programs build theirs here, and a
 * secured broker checks here that a client id belongs to the identity that authenticated, so that no one can take
 * over another node's session (MQTT hands a client id's session to whoever connects with it last).
 *
 * <pre>
 * fedmq-node-{nodeId}@{fleet}          a node: one persistent session per node
 * fedmq-orchestrator@{fleet}           the fleet's orchestrator
 * fedmq-monitor-{identity}-{8 hex}     a monitor; a fresh suffix per run, so several can watch at once
 * fedmq-operator-{identity}-{8 hex}    an operator's one-off command, such as a rollback
 * </pre>
 *
 * Every identifier belongs to exactly one identity: '@' never occurs in a name (see {@link Topics#requireName}),
 * and the random suffix has a fixed length. With '-' as the only separator, node "b-c" of fleet "a" and node "c"
 * of fleet "a-b" would share one client id, and with it one session.
 */
public final class ClientIds {
    private static final String NODE = "fedmq-node-";
    private static final String ORCHESTRATOR = "fedmq-orchestrator@";
    private static final String MONITOR = "fedmq-monitor-";
    private static final String OPERATOR = "fedmq-operator-";
    /** '-' and 8 lower-case hex digits. */
    private static final int SUFFIX_LENGTH = 9;

    private ClientIds() {}

    public static String node(String fleet, String nodeId) {
        return NODE + Topics.requireName(nodeId, "node id") + "@" + Topics.requireName(fleet, "fleet");
    }

    public static String orchestrator(String fleet) { return ORCHESTRATOR + Topics.requireName(fleet, "fleet"); }

    /** A new monitor client id for {@code identity} (the user name it authenticates with). */
    public static String monitor(String identity) { return MONITOR + Topics.requireName(identity, "identity") + randomSuffix(); }

    /** A new operator client id for {@code identity} (the user name it authenticates with). */
    public static String operator(String identity) { return OPERATOR + Topics.requireName(identity, "identity") + randomSuffix(); }

    /** The form of {@code identity}'s monitor ids, for messages: {@code fedmq-monitor-ops-XXXXXXXX}. */
    public static String monitorForm(String identity) { return MONITOR + identity + "-XXXXXXXX"; }

    /** The form of {@code identity}'s operator ids, for messages. */
    public static String operatorForm(String identity) { return OPERATOR + identity + "-XXXXXXXX"; }

    /** Whether {@code clientId} is one that {@link #monitor} could have made for {@code identity}. */
    public static boolean isMonitor(String identity, String clientId) { return hasSuffixAfter(MONITOR + identity, clientId); }

    /** Whether {@code clientId} is one that {@link #operator} could have made for {@code identity}. */
    public static boolean isOperator(String identity, String clientId) { return hasSuffixAfter(OPERATOR + identity, clientId); }

    private static boolean hasSuffixAfter(String head, String clientId) {
        if (clientId == null || clientId.length() != head.length() + SUFFIX_LENGTH || !clientId.startsWith(head)) return false;
        if (clientId.charAt(head.length()) != '-') return false;
        for (int i = head.length() + 1; i < clientId.length(); i++) {
            char c = clientId.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }

    /** Uniqueness, not secrecy: taking the id over still needs the identity's password. */
    private static String randomSuffix() {
        return String.format(Locale.ROOT, "-%08x", ThreadLocalRandom.current().nextInt());
    }
}
