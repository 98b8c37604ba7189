package io.fedmq.learning.occupancy;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Turns a {@link SensorRow} into the occupancy network's input: the five sensor channels standardised with the
 * node's own {@link Standardizer}, then, for the {@code mlp} network, the time of day and of week as points on
 * circles (sine and cosine), so that 23:59 sits next to 00:00 and Sunday next to Monday.
 *
 * @param scaler   this node's scaling of its sensors
 * @param calendar whether the network reads the four calendar inputs (needs the readings' dates)
 */
public record OccupancyFeatures(Standardizer scaler, boolean calendar) {
    public OccupancyFeatures {
        Objects.requireNonNull(scaler, "scaler");
    }

    /** How many inputs this produces: the network's input width. */
    public int width() {
        return OccupancyTask.SENSORS + (calendar ? OccupancyTask.CALENDAR : 0);
    }

    /**
     * The network input for one reading.
     *
     * @throws IllegalArgumentException when the network reads the calendar and the reading has no time
     */
    public float[] of(SensorRow row) {
        float[] x = new float[width()];
        for (int c = 0; c < OccupancyTask.SENSORS; c++) x[c] = (float) scaler.apply(c, row.value(c));
        if (calendar) {
            if (row.time() == null) throw new IllegalArgumentException("this model reads the time of day: the reading needs a date");
            calendar(row.time(), x, OccupancyTask.SENSORS);
        }
        return x;
    }

    /** sin/cos of the hour of day and of the day of week (Monday 0), continuous in the minutes. */
    static void calendar(LocalDateTime t, float[] into, int at) {
        double day = (t.getHour() + t.getMinute() / 60.0 + t.getSecond() / 3600.0) / 24;
        double week = (t.getDayOfWeek().getValue() - 1 + day) / 7;
        into[at] = (float) Math.sin(2 * Math.PI * day);
        into[at + 1] = (float) Math.cos(2 * Math.PI * day);
        into[at + 2] = (float) Math.sin(2 * Math.PI * week);
        into[at + 3] = (float) Math.cos(2 * Math.PI * week);
    }
}
