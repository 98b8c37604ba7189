package io.fedmq.protocol.aggregation;

/**
 * A running example-weighted sum of updates: {@code sum += weight * update}. Each update is folded in and
 * can be dropped at once, so the aggregator never holds more than one vector of the model's size and never
 * keeps an individual update. Accumulates in double so that the order of arrival does not change the result
 * beyond float rounding.
 */
public final class WeightedSum {
    private final double[] sum;
    private double totalWeight;
    private int count;

    public WeightedSum(int dimension) {
        if (dimension < 1) throw new IllegalArgumentException("dimension must be >= 1");
        this.sum = new double[dimension];
    }

    public int dimension() { return sum.length; }

    /** Adds {@code weight * update}; the caller checked finiteness and size at the boundary. */
    public void add(java.nio.FloatBuffer update, double weight) {
        if (update.remaining() != sum.length) {
            throw new IllegalArgumentException("update has " + update.remaining() + " values, model has " + sum.length);
        }
        if (!(weight > 0) || !Double.isFinite(weight)) throw new IllegalArgumentException("weight must be positive and finite");
        int base = update.position();
        for (int i = 0; i < sum.length; i++) sum[i] += weight * update.get(base + i);
        totalWeight += weight;
        count++;
    }

    public double totalWeight() { return totalWeight; }

    /** How many updates were added. */
    public int count() { return count; }

    /** The weighted mean, {@code sum / totalWeight}. */
    public float[] mean() {
        if (count == 0) throw new IllegalStateException("no updates to average");
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) (sum[i] / totalWeight);
        return out;
    }
}
