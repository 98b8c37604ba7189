package io.fedmq.learning.occupancy;

import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * One reading of a home's sensor: when, the {@value OccupancyTask#SENSORS} channel values in the model's order, and
 * whether the room was occupied. It stays on the node: only the model's updates and metrics ever leave.
 *
 * @param time   local time of the reading, or null when the log has no date column
 * @param values temperature, humidity, light, CO2 and humidity ratio, in physical units
 * @param label  1 occupied, 0 vacant, {@link #UNLABELLED} for a live reading
 */
public record SensorRow(LocalDateTime time, double[] values, int label) {
    /** The label of a reading whose occupancy is what the model is asked for. */
    public static final int UNLABELLED = -1;

    public SensorRow {
        if (values.length != OccupancyTask.SENSORS) {
            throw new IllegalArgumentException("expected " + OccupancyTask.SENSORS + " sensor values, got " + values.length);
        }
        for (double v : values) if (!Double.isFinite(v)) throw new IllegalArgumentException("sensor values must be finite: " + Arrays.toString(values));
        if (label < UNLABELLED || label > 1) throw new IllegalArgumentException("label must be 0, 1 or UNLABELLED, got " + label);
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    double value(int channel) {
        return values[channel];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensorRow r && java.util.Objects.equals(time, r.time) && Arrays.equals(values, r.values) && label == r.label;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * java.util.Objects.hashCode(time) + Arrays.hashCode(values)) + label;
    }

    @Override
    public String toString() {
        return "SensorRow[" + time + ", " + Arrays.toString(values) + ", label " + label + "]";
    }
}
