package io.fedmq.protocol.aggregation;

/**
 * FedYogi (Reddi et al. 2021, after Zaheer et al. 2018): like {@link FedAdam}, but the second moment moves by
 * {@code (1 - beta2) * d^2} towards {@code d^2}, whatever its distance: {@code v = v - (1 - beta2) * d^2 * sign(v - d^2)}.
 * Adam moves it by a fraction of the gap, {@code (1 - beta2) * |v - d^2|}, so after one large delta Adam's {@code v}
 * (and with it the damping) collapses within a few rounds of small ones, while Yogi's shrinks slowly and the
 * effective step grows slowly: more stable when deltas vary from round to round as on skewed nodes. {@code v} stays
 * >= 0: it only decreases while it is above {@code d^2}, and then by less than the gap.
 *
 * <p>While {@code v} is still far below {@code d^2} (with beta2 0.99, roughly the first tens of rounds, since
 * {@code v} is then about {@code 0.01} times the sum of past {@code d^2}) both add about {@code (1 - beta2) * d^2}
 * and the two strategies give almost the same models; they part once the deltas shrink below {@code sqrt(v)}.
 */
public final class FedYogi extends AdaptiveServerOptimizer {
    /** The paper's beta1 0.9, beta2 0.99, tau 1e-3 with the given server learning rate. */
    public FedYogi(double serverLr) {
        this(serverLr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_TAU);
    }

    public FedYogi(double serverLr, double beta1, double beta2, double tau) {
        super(serverLr, beta1, beta2, tau);
    }

    @Override
    public String name() { return "fedyogi"; }

    @Override
    double secondMoment(double v, double squaredDelta, double beta2) {
        return v - (1 - beta2) * squaredDelta * Math.signum(v - squaredDelta);
    }
}
