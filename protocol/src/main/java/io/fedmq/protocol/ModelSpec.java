package io.fedmq.protocol;

import java.util.List;

/**
 * What a node needs to rebuild the network the parameters belong to.
 *
 * @param task         the learning task, e.g. {@code surnames}
 * @param architecture the network family for that task, e.g. {@code cnn} or {@code lstm}
 * @param labels       the class names, in output order
 */
public record ModelSpec(String task, String architecture, List<String> labels) {
    public ModelSpec {
        Topics.requireName(task, "task");
        Topics.requireName(architecture, "architecture");
        Checks.notNull(labels, "labels");
        if (labels.size() < 2) throw new IllegalArgumentException("a classifier needs at least 2 labels, got " + labels.size());
        for (String l : labels) {
            if (l == null || l.isEmpty() || l.length() > 64) throw new IllegalArgumentException("labels must be 1-64 characters");
        }
        labels = List.copyOf(labels);
    }
}
