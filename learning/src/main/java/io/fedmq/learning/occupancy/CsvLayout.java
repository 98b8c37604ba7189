package io.fedmq.learning.occupancy;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Which columns of a sensor log feed the occupancy model. Column names are matched exactly (after trimming and
 * removing quotes), so a logger that calls its columns {@code temp_c,rh,lux,co2,hr} works once they are named here.
 *
 * @param featureColumns the columns holding the model's {@value OccupancyTask#SENSORS} sensor channels, in the
 *                       model's order: temperature (°C), relative humidity (%), light (lux), CO2 (ppm) and humidity
 *                       ratio (kg water per kg dry air)
 * @param labelColumn    the 0/1 occupancy column; a log read only for predictions needs none, so it may be absent there
 * @param dateColumn     the timestamp column, giving hour-of-day and day-of-week inputs; null for a log without one
 */
public record CsvLayout(List<String> featureColumns, String labelColumn, String dateColumn) {
    /** The UCI occupancy data set's columns (Candanedo and Feldheim 2016), which the home simulator also writes. */
    public static final CsvLayout UCI = new CsvLayout(List.of("Temperature", "Humidity", "Light", "CO2", "HumidityRatio"),
            "Occupancy", "date");

    public CsvLayout {
        featureColumns = List.copyOf(featureColumns);
        Objects.requireNonNull(labelColumn, "labelColumn");
        if (featureColumns.size() != OccupancyTask.SENSORS) {
            throw new IllegalArgumentException("the occupancy model reads " + OccupancyTask.SENSORS + " sensor columns ("
                    + String.join(", ", OccupancyTask.CHANNELS) + ", in that order), got " + featureColumns.size() + ": " + featureColumns);
        }
        var all = new HashSet<String>();
        for (String c : featureColumns) requireColumnName(c, all);
        requireColumnName(labelColumn, all);
        if (dateColumn != null) requireColumnName(dateColumn, all);
    }

    /** Whether a date column is named, so that the model can read the time of day and week. */
    public boolean hasDate() {
        return dateColumn != null;
    }

    /** This layout without a date column: for logs that have none (the {@code mlp-sensors} network). */
    public CsvLayout withoutDate() {
        return new CsvLayout(featureColumns, labelColumn, null);
    }

    private static void requireColumnName(String name, java.util.Set<String> seen) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("column names must not be blank");
        if (!seen.add(name)) throw new IllegalArgumentException("column '" + name + "' is named twice");
    }
}
