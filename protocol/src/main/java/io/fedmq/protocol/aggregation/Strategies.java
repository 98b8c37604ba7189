package io.fedmq.protocol.aggregation;

import java.util.List;
import java.util.Locale;

/** Builds a {@link Strategy} from its name: the one place that knows every strategy a fleet can be run with. */
public final class Strategies {
    /** Every name {@link #create} accepts. */
    public static final List<String> NAMES = List.of("fedavg", "fedprox", "fedadam", "fedyogi");

    private Strategies() {}

    /**
     * The knobs a strategy may read. Each strategy reads only its own, and its constructor validates them, so an
     * unused knob is never an error.
     *
     * @param proximalMu FedProx's mu
     * @param serverLr   FedAdam's and FedYogi's server learning rate
     * @param beta1      their first-moment decay
     * @param beta2      their second-moment decay
     * @param tau        their adaptivity floor
     */
    public record Knobs(double proximalMu, double serverLr, double beta1, double beta2, double tau) {}

    /**
     * @param name one of {@link #NAMES}, in any case
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones) or a knob the strategy refuses
     */
    public static Strategy create(String name, Knobs knobs) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "fedavg" -> new FedAvg();
            case "fedprox" -> new FedProx(knobs.proximalMu());
            case "fedadam" -> new FedAdam(knobs.serverLr(), knobs.beta1(), knobs.beta2(), knobs.tau());
            case "fedyogi" -> new FedYogi(knobs.serverLr(), knobs.beta1(), knobs.beta2(), knobs.tau());
            default -> throw new IllegalArgumentException("unknown strategy '" + name + "'; choose one of " + String.join(", ", NAMES));
        };
    }
}
