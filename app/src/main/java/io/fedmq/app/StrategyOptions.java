package io.fedmq.app;

import io.fedmq.protocol.TrainingPlan;
import io.fedmq.protocol.aggregation.AdaptiveServerOptimizer;
import io.fedmq.protocol.aggregation.Strategies;
import io.fedmq.protocol.aggregation.Strategy;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How the orchestrator turns the nodes' mean update into the next model, shared by the demo and the orchestrator.
 * The strategy decides the training plan's proximal term too, so the two are composed here, in one place: a
 * FedProx server always sends its mu, and no other strategy sends one.
 */
final class StrategyOptions {
    /**
     * Picked by measurement on the non-IID demo (BENCHMARKS.md, "Strategies on the non-IID demo"): of 0.003 to 0.1,
     * 0.03 was the steadiest (better every round up to round 9); 0.1 is faster for 4 rounds, then stalls.
     */
    static final String SERVER_LR = "0.03";

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "fedavg", converter = KnownName.class, completionCandidates = Names.class,
            description = "aggregation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--proximal-mu", paramLabel = "MU", defaultValue = "0.01",
            description = "fedprox only: weight mu of the nodes' proximal term mu/2*||w - w_global||^2 (default: ${DEFAULT-VALUE})")
    double proximalMu;

    @Option(names = "--server-lr", defaultValue = SERVER_LR, description = "fedadam/fedyogi only: server learning rate (default: ${DEFAULT-VALUE})")
    double serverLr;

    @Option(names = "--beta1", defaultValue = "" + AdaptiveServerOptimizer.DEFAULT_BETA1,
            description = "fedadam/fedyogi only: first-moment decay (default: ${DEFAULT-VALUE})")
    double beta1;

    @Option(names = "--beta2", defaultValue = "" + AdaptiveServerOptimizer.DEFAULT_BETA2,
            description = "fedadam/fedyogi only: second-moment decay (default: ${DEFAULT-VALUE})")
    double beta2;

    @Option(names = "--tau", defaultValue = "" + AdaptiveServerOptimizer.DEFAULT_TAU,
            description = "fedadam/fedyogi only: adaptivity floor added to sqrt(v) (default: ${DEFAULT-VALUE})")
    double tau;

    /** The strategy named by {@code --strategy}, with its own knobs; throws IllegalArgumentException for bad ones. */
    Strategy strategy() {
        return Strategies.create(name, new Strategies.Knobs(proximalMu, serverLr, beta1, beta2, tau));
    }

    /** {@code base} with the proximal term the strategy asks of the nodes (none but FedProx's). */
    TrainingPlan plan(TrainingPlan base) {
        return base.withProximalMu(strategy().proximalMu());
    }

    /** Rejects an unknown name while the command line is parsed, listing the known ones. */
    static final class KnownName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String key = value.trim().toLowerCase(Locale.ROOT);
            if (!Strategies.NAMES.contains(key)) {
                throw new TypeConversionException("unknown strategy '" + value + "'; choose one of " + String.join(", ", Strategies.NAMES));
            }
            return key;
        }
    }

    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() { return Strategies.NAMES.iterator(); }
    }
}
