package io.fedmq.app;

import io.fedmq.learning.DatasetException;
import io.fedmq.learning.SurnameCorpus;
import io.fedmq.learning.SurnameModels;
import io.fedmq.protocol.ModelSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The learning task: which data and which network. Shared by demo, orchestrator and node. */
final class TaskOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "surnames in the PyTorch char-RNN tutorial layout (<Language>.txt, one name per line); default: built-in lists")
    Path data;

    @Option(names = "--arch", defaultValue = Defaults.ARCHITECTURE, description = "network: cnn or lstm (default: ${DEFAULT-VALUE})")
    String architecture;

    @Option(names = "--seed", defaultValue = "7", description = "seed for the data split and initial weights (default: ${DEFAULT-VALUE})")
    long seed;

    SurnameCorpus corpus() throws DatasetException {
        return data == null ? SurnameCorpus.builtIn() : SurnameCorpus.fromDirectory(data);
    }

    ModelSpec spec(SurnameCorpus corpus) {
        if (!SurnameModels.ARCHITECTURES.contains(architecture)) {
            throw new IllegalArgumentException("--arch must be one of " + SurnameModels.ARCHITECTURES + ", got " + architecture);
        }
        return SurnameModels.spec(architecture, corpus.labels());
    }
}
