package io.fedmq.app;

import io.fedmq.learning.occupancy.CsvLayout;
import io.fedmq.learning.occupancy.HomeSimulator;
import io.fedmq.learning.occupancy.SensorCsv;
import io.fedmq.learning.occupancy.SensorRow;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write simulated smart-home sensor logs (UCI occupancy layout, one CSV per home): data for a node's --data, or to try --tail.")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--homes", defaultValue = "1", description = "how many homes (default: ${DEFAULT-VALUE})")
    int homes;

    @Option(names = "--first", defaultValue = "1", description = "the first home's number in the fleet, from 1 (default: ${DEFAULT-VALUE})")
    int first;

    @Option(names = "--days", defaultValue = "14", description = "days of readings per home (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--every", defaultValue = "1", description = "keep one reading every N minutes (default: ${DEFAULT-VALUE}: all)")
    int every;

    @Option(names = "--start", description = "first day, e.g. 2026-02-04 (default: ${DEFAULT-VALUE}, a Wednesday as in the UCI data)")
    LocalDate start = HomeSimulator.DEFAULT_START;

    @Option(names = "--seed", defaultValue = "7", description = "the fleet's seed: the same as the demo's gives the demo's homes (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", defaultValue = ".", description = "folder for home-<n>.csv (default: the current one)")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (homes < 1 || first < 1 || days < 1 || every < 1) throw new IllegalArgumentException("--homes, --first, --days and --every must be >= 1");
        Files.createDirectories(out);
        for (int h = first; h < first + homes; h++) {
            List<SensorRow> rows = HomeSimulator.simulate(seed, h - 1, start, days);
            List<SensorRow> kept = new ArrayList<>(rows.size() / every + 1);
            for (int i = 0; i < rows.size(); i += every) kept.add(rows.get(i));
            Path file = out.resolve("home-" + h + ".csv");
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                SensorCsv.write(kept, CsvLayout.UCI, w);
            }
            long occupied = kept.stream().filter(r -> r.label() == 1).count();
            System.out.printf(Locale.ROOT, "%s: %d readings, occupied %.0f%%; %s%n", file, kept.size(), 100.0 * occupied / kept.size(),
                    HomeSimulator.profile(seed, h - 1).describe());
        }
        return 0;
    }
}
