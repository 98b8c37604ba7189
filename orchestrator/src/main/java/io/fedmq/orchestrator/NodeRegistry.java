package io.fedmq.orchestrator;

import io.fedmq.protocol.NodeStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Which nodes are online, from their retained status topics and Last Wills. Thread-safe. */
final class NodeRegistry {
    private final Map<String, NodeStatus> nodes = new TreeMap<>();

    synchronized void update(NodeStatus status) {
        nodes.put(status.nodeId(), status);
        notifyAll();
    }

    synchronized void forget(String nodeId) { nodes.remove(nodeId); notifyAll(); }

    /** Online nodes, sorted by id. */
    synchronized List<String> online() {
        return nodes.values().stream().filter(s -> s.state() != NodeStatus.State.OFFLINE).map(NodeStatus::nodeId).toList();
    }

    /** Waits until at least {@code n} nodes are online or the time is up; returns who is online. */
    synchronized List<String> awaitOnline(int n, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (online().size() < n) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) break;
            wait(left);
        }
        return online();
    }
}
