package io.fedmq.learning.occupancy;

import java.util.Arrays;
import java.util.List;

/**
 * Per-channel standardisation, {@code (x - mean) / std}, with statistics computed by each node from its own
 * training readings. Nothing of it leaves the node: the fleet shares the network, and each home keeps the scale
 * that maps its own sensors onto it.
 *
 * <p>Why per node rather than fleet-wide statistics: fleet-wide ones would have to be computed from every home's
 * raw data (or from means that themselves reveal a home's habits), and homes differ in ways the model should not
 * have to learn: one sensor reads 40 ppm high, one living room has bright lamps, one is kept at 19 °C. After
 * standardisation each input says "how high is this for this home", which is what occupancy changes. The price:
 * a home that is almost always occupied has its means shifted toward occupied readings; the fleet-wide model sees
 * this as noise. The statistics are fixed once computed, so training, evaluation and local predictions all scale
 * the same way.
 *
 * @param mean  per channel
 * @param scale per channel, the standard deviation, or 1 for a channel that never changes
 */
public record Standardizer(double[] mean, double[] scale) {
    /** Below this a channel counts as constant: dividing by its spread would blow up sensor noise. */
    static final double MIN_SCALE = 1e-9;

    public Standardizer {
        if (mean.length != scale.length) throw new IllegalArgumentException("mean and scale differ in length");
        for (double s : scale) if (!(s > 0) || !Double.isFinite(s)) throw new IllegalArgumentException("scales must be positive: " + Arrays.toString(scale));
        mean = mean.clone();
        scale = scale.clone();
    }

    /**
     * The statistics of {@code rows}' sensor channels.
     *
     * @throws IllegalArgumentException when there are no rows
     */
    public static Standardizer fit(List<SensorRow> rows) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no readings to compute the scaling from");
        int n = OccupancyTask.SENSORS;
        double[] mean = new double[n], m2 = new double[n];
        long count = 0;
        for (SensorRow r : rows) { // Welford: stable for CO2 in the thousands and humidity ratios near 0.004
            count++;
            for (int c = 0; c < n; c++) {
                double x = r.value(c), d = x - mean[c];
                mean[c] += d / count;
                m2[c] += d * (x - mean[c]);
            }
        }
        double[] scale = new double[n];
        for (int c = 0; c < n; c++) {
            double sd = Math.sqrt(m2[c] / count);
            scale[c] = sd > MIN_SCALE * Math.max(1, Math.abs(mean[c])) ? sd : 1;
        }
        return new Standardizer(mean, scale);
    }

    /** The standardised value of channel {@code c}. */
    double apply(int c, double x) {
        return (x - mean[c]) / scale[c];
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer s && Arrays.equals(mean, s.mean) && Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Standardizer[mean " + Arrays.toString(mean) + ", scale " + Arrays.toString(scale) + "]";
    }
}
