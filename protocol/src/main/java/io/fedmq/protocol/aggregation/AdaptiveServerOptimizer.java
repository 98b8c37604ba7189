package io.fedmq.protocol.aggregation;

/**
 * The server-side optimizers of Reddi et al. 2021, "Adaptive Federated Optimization" (Algorithm 2). The mean delta
 * of the nodes is treated as a pseudo-gradient {@code d} and fed to an Adam-like optimizer on the server:
 *
 * <pre>
 *   m = beta1 * m + (1 - beta1) * d
 *   v = secondMoment(v, d^2)                 FedAdam and FedYogi differ only here
 *   x = x + serverLr * m / (sqrt(v) + tau)
 * </pre>
 *
 * <p>Why: with skewed (non-IID) nodes the plain mean delta is noisy from round to round; momentum smooths it,
 * and the per-parameter scale {@code sqrt(v)} gives rarely moved parameters a larger step. As in the paper there
 * is no bias correction; {@code m} starts at 0 and {@code v} at {@code tau^2} (the paper asks for
 * {@code v >= tau^2}), so the first step of a parameter whose delta is well above {@code tau / sqrt(1 - beta2)} is about
 * {@code serverLr * (1 - beta1) / sqrt(1 - beta2)} (= serverLr with the defaults), and the momentum takes some ten
 * rounds to build up: on the demo this makes both slower than FedAvg at first (BENCHMARKS.md).
 *
 * <p>Pure: the moments come in and go out as a {@link ServerState}, never a field, so a restored state continues
 * exactly where the stored one stopped. Everything is checked at this boundary: a NaN in the model, the delta or
 * the state would otherwise spread silently into every later model.
 */
public abstract sealed class AdaptiveServerOptimizer implements Strategy permits FedAdam, FedYogi {
    /** The paper's defaults (Reddi et al. 2021, Section 5). */
    public static final double DEFAULT_BETA1 = 0.9, DEFAULT_BETA2 = 0.99, DEFAULT_TAU = 1e-3;

    private final double serverLr, beta1, beta2, tau;

    AdaptiveServerOptimizer(double serverLr, double beta1, double beta2, double tau) {
        if (!(serverLr > 0) || !Double.isFinite(serverLr)) {
            throw new IllegalArgumentException("server learning rate must be > 0 and finite, got " + serverLr);
        }
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        // tau > 0 keeps the step finite where v is 0; it also bounds the step of a parameter that never moved.
        if (!(tau > 0) || !Double.isFinite(tau)) throw new IllegalArgumentException("tau must be > 0 and finite, got " + tau);
        this.serverLr = serverLr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.tau = tau;
    }

    public double serverLr() { return serverLr; }

    public double beta1() { return beta1; }

    public double beta2() { return beta2; }

    public double tau() { return tau; }

    /**
     * The new second moment of one parameter.
     *
     * @param v            its second moment so far, >= 0
     * @param squaredDelta the square of this round's mean delta for it
     * @param beta2        the decay
     */
    abstract double secondMoment(double v, double squaredDelta, double beta2);

    @Override
    public final Step apply(float[] global, float[] meanDelta, ServerState state) {
        Strategy.requireSameLength(global, meanDelta);
        requireFinite(global, "global model");
        requireFinite(meanDelta, "mean delta");
        float[] m, v;
        if (state.isEmpty()) {
            m = new float[global.length];
            v = new float[global.length];
            java.util.Arrays.fill(v, (float) (tau * tau));
        } else {
            float[][] moments = state.momentsFor(global.length);
            m = moments[0];
            v = moments[1];
            requireFinite(m, "optimizer state's first moment");
            requireFinite(v, "optimizer state's second moment");
            for (float x : v) if (x < 0) throw new IllegalArgumentException("optimizer state's second moment is negative: " + x);
        }
        float[] next = new float[global.length];
        for (int i = 0; i < next.length; i++) {
            double d = meanDelta[i];
            m[i] = (float) (beta1 * m[i] + (1 - beta1) * d);
            v[i] = (float) secondMoment(v[i], d * d, beta2);
            next[i] = (float) (global[i] + serverLr * m[i] / (Math.sqrt(v[i]) + tau));
        }
        return new Step(next, new ServerState(state.steps() + 1, m, v));
    }

    private static void requireFinite(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) throw new IllegalArgumentException(what + " holds " + values[i] + " at index " + i);
        }
    }

    @Override
    public String toString() {
        return name() + "(serverLr=" + serverLr + ", beta1=" + beta1 + ", beta2=" + beta2 + ", tau=" + tau + ")";
    }
}
