package io.fedmq.app;

import io.fedmq.learning.DatasetException;
import io.fedmq.learning.SurnameCorpus;
import io.fedmq.learning.SurnameModels;
import io.fedmq.learning.Task;
import io.fedmq.learning.Tasks;
import io.fedmq.protocol.ModelSpec;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** The learning task: which task, which data and which network. Shared by demo, orchestrator and node. */
final class TaskOptions {
    @Option(names = "--task", defaultValue = "surnames",
            description = "what the fleet learns: surnames (language of origin), occupancy (smart-home sensors) or fashion (Fashion-MNIST images) (default: ${DEFAULT-VALUE})")
    String task;

    @Option(names = "--data", paramLabel = "PATH",
            description = "the data: surnames, a folder in the PyTorch char-RNN tutorial layout (<Language>.txt; default: built-in lists); "
                    + "occupancy, a sensor log CSV with a header (default: a simulated home); fashion, a folder of IDX files "
                    + "(default: /usr/share/datasets/fashion-mnist)")
    Path data;

    @Option(names = "--arch", paramLabel = "NAME",
            description = "network: surnames cnn or lstm; occupancy mlp or mlp-sensors (no date column); fashion cnn (default: the first)")
    String architecture;

    @Option(names = "--seed", defaultValue = "7", description = "seed for the data split and initial weights (default: ${DEFAULT-VALUE})")
    long seed;

    @Spec(Spec.Target.MIXEE) CommandSpec command;

    /**
     * The demo's size for tasks other than surnames, whose defaults ({@link Defaults}) it keeps: a home fleet is
     * larger, and its model learns in fewer rounds.
     */
    private static final Map<String, Map<String, Integer>> DEMO_DEFAULTS = Map.of(
            "occupancy", Map.of("--nodes", 6, "--rounds", 5),
            "fashion", Map.of("--nodes", 4, "--rounds", 5));

    Task task() {
        return Tasks.named(task);
    }

    /** The network: the one asked for, or the task's default. */
    String architecture() {
        Task t = task();
        String a = architecture != null ? architecture : t.architectures().get(0);
        if (!t.architectures().contains(a)) {
            throw new IllegalArgumentException("--arch must be one of " + t.architectures() + " for --task " + t.name() + ", got " + a);
        }
        return a;
    }

    SurnameCorpus corpus() throws DatasetException {
        return data == null ? SurnameCorpus.builtIn() : SurnameCorpus.fromDirectory(data);
    }

    ModelSpec spec(SurnameCorpus corpus) {
        return SurnameModels.spec(architecture(), corpus.labels());
    }

    /**
     * The spec of a new model, as the orchestrator needs it: the surname task takes its labels from the data (only
     * the language names are read), the others have fixed ones and read nothing.
     */
    ModelSpec spec() throws DatasetException {
        Task t = task();
        if (t == Tasks.SURNAMES) return spec(corpus());
        if (data != null) throw new IllegalArgumentException("--data: the orchestrator reads no data for --task " + t.name() + "; its nodes do");
        return t.spec(architecture(), t.fixedLabels());
    }

    /**
     * {@code value} of the demo's {@code option}, or this task's own default for it when the option was given
     * neither on the command line nor in a config file.
     */
    int demoDefault(String option, int value) {
        Integer own = DEMO_DEFAULTS.getOrDefault(task, Map.of()).get(option);
        if (own == null || command == null || command.defaultValueProvider() != null) return value;
        ParseResult parsed = command.commandLine() == null ? null : command.commandLine().getParseResult();
        return parsed != null && parsed.hasMatchedOption(option) ? value : own;
    }
}
