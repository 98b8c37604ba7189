package io.fedmq.app;

import io.fedmq.learning.occupancy.CsvLayout;
import io.fedmq.learning.occupancy.OccupancyTask;
import java.util.List;
import picocli.CommandLine.Option;

/** How a node (or the demo) reads its data, where the task needs more than a path: the node and demo only. */
final class DataOptions {
    @Option(names = "--feature-columns", split = ",", paramLabel = "COLUMNS", defaultValue = "Temperature,Humidity,Light,CO2,HumidityRatio",
            description = "occupancy: the log's columns with temperature (C), relative humidity (%), light (lux), CO2 (ppm) and humidity ratio, in that order (default: ${DEFAULT-VALUE})")
    List<String> featureColumns;

    @Option(names = "--label-column", paramLabel = "COLUMN", defaultValue = "Occupancy",
            description = "occupancy: the log's 0/1 occupancy column (default: ${DEFAULT-VALUE})")
    String labelColumn;

    @Option(names = "--date-column", paramLabel = "COLUMN", defaultValue = "date",
            description = "occupancy: the log's timestamp column, for the hour of day and day of week; \"\" for a log without one, with --arch mlp-sensors (default: ${DEFAULT-VALUE})")
    String dateColumn;

    @Option(names = "--days", defaultValue = "14", description = "occupancy without --data: days of one reading a minute each simulated home has (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--examples", defaultValue = "6000", description = "fashion: images read from the training file before the split (default: ${DEFAULT-VALUE})")
    int examples;

    /**
     * The sensor log's columns for the network {@code architecture}.
     *
     * @throws IllegalArgumentException when the network reads the time of day and no date column is named
     */
    CsvLayout layout(String architecture) {
        String date = dateColumn == null || dateColumn.isBlank() ? null : dateColumn.trim();
        if (date == null && OccupancyTask.MLP.equals(architecture)) {
            throw new IllegalArgumentException("--arch mlp reads the hour of day and day of week: name the log's date column with "
                    + "--date-column, or use --arch mlp-sensors for a log without dates");
        }
        return new CsvLayout(featureColumns.stream().map(String::trim).toList(), labelColumn.trim(), date);
    }
}
