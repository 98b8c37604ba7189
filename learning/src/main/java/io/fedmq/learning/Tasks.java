package io.fedmq.learning;

import io.fedmq.learning.fashion.FashionTask;
import io.fedmq.learning.occupancy.OccupancyTask;
import io.fedmq.protocol.ModelSpec;
import java.util.List;

/** The tasks fedmq knows, by name: the one place a {@link ModelSpec} is turned into its {@link Task}. */
public final class Tasks {
    /** Surname to language of origin, from the Raspberry Pi federated-learning tutorial. */
    public static final Task SURNAMES = new SurnameTask();
    /** Room occupancy from a smart-home sensor's temperature, humidity, light and CO2. */
    public static final Task OCCUPANCY = new OccupancyTask();
    /** Fashion-MNIST: 28x28 greyscale images of clothes in 10 classes. */
    public static final Task FASHION = new FashionTask();

    private static final List<Task> ALL = List.of(SURNAMES, OCCUPANCY, FASHION);

    private Tasks() {}

    /** Every task's name, the default first. */
    public static List<String> names() {
        return ALL.stream().map(Task::name).toList();
    }

    /**
     * The task called {@code name}.
     *
     * @throws IllegalArgumentException for a name no task has, naming those that exist
     */
    public static Task named(String name) {
        for (Task t : ALL) if (t.name().equals(name)) return t;
        throw new IllegalArgumentException("unknown task '" + name + "'; known tasks: " + names());
    }

    /**
     * The task of {@code spec}, after checking that it knows the spec's architecture.
     *
     * @throws IllegalArgumentException for an unknown task or architecture, naming the known ones
     */
    public static Task of(ModelSpec spec) {
        check(spec);
        return named(spec.task());
    }

    static void check(ModelSpec spec) {
        Task task = named(spec.task());
        if (!task.architectures().contains(spec.architecture())) {
            throw new IllegalArgumentException("unknown architecture '" + spec.architecture() + "' for task " + task.name()
                    + "; known architectures: " + task.architectures());
        }
        List<String> fixed = task.fixedLabels();
        if (fixed != null && !fixed.equals(spec.labels())) {
            throw new IllegalArgumentException(task.name() + " models classify " + fixed + ", not " + spec.labels());
        }
    }
}
