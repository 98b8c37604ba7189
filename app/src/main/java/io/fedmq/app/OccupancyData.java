package io.fedmq.app;

import io.fedmq.learning.DatasetException;
import io.fedmq.learning.Shard;
import io.fedmq.learning.occupancy.CsvLayout;
import io.fedmq.learning.occupancy.HomeData;
import io.fedmq.learning.occupancy.HomeSimulator;
import io.fedmq.learning.occupancy.OccupancyTask;
import io.fedmq.learning.occupancy.SensorCsv;
import io.fedmq.protocol.ModelSpec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Smart-home occupancy: one home per node, either a real sensor log (a node's {@code --data FILE.csv}) or a home of
 * the simulator (the demo, and a node without a file). Each home is scaled with its own statistics ({@link HomeData}).
 *
 * @param layout  the log's columns, also the keys of the live readings the node answers
 * @param origins per home, where its readings come from: a file, or "simulated home 2/6"
 * @param details per home, what kind of home it is (simulated homes), or ""
 */
record OccupancyData(ModelSpec spec, List<HomeData> homes, CsvLayout layout, List<String> origins, List<String> details, String source)
        implements TaskData {

    /** Simulated homes: all {@code nodes} of the fleet, or only those of {@code indices}. */
    static OccupancyData simulated(TaskOptions task, DataOptions options, int nodes, List<Integer> indices) {
        if (options.days < 1) throw new IllegalArgumentException("--days must be >= 1, got " + options.days);
        String arch = task.architecture();
        CsvLayout layout = options.layout(arch);
        List<HomeData> homes = new ArrayList<>();
        List<String> origins = new ArrayList<>(), details = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            if (!indices.isEmpty() && !indices.contains(i)) continue;
            homes.add(HomeData.of(HomeSimulator.simulate(task.seed, i, HomeSimulator.DEFAULT_START, options.days), i,
                    OccupancyTask.MLP.equals(arch)));
            origins.add("simulated home " + (i + 1) + "/" + nodes);
            details.add(HomeSimulator.profile(task.seed, i).describe());
        }
        String source = String.format(Locale.ROOT, "%d simulated homes (seed %d), %d days from %s of one reading a minute each",
                nodes, task.seed, options.days, HomeSimulator.DEFAULT_START);
        return new OccupancyData(OccupancyTask.spec(arch), homes, layout, origins, details, source);
    }

    /** The sensor log of {@code --data}: this node's own home. */
    static OccupancyData fromLog(TaskOptions task, DataOptions options, int index) throws DatasetException {
        String arch = task.architecture();
        CsvLayout layout = options.layout(arch);
        HomeData home;
        try {
            home = HomeData.of(SensorCsv.read(task.data, layout), index, OccupancyTask.MLP.equals(arch));
        } catch (IllegalArgumentException e) {
            throw new DatasetException(task.data + ": " + e.getMessage(), e);
        }
        return new OccupancyData(OccupancyTask.spec(arch), List.of(home), layout, List.of(task.data.toString()), List.of(""),
                task.data.toString());
    }

    /** This node's home (the first, in a node). */
    HomeData home() {
        return homes.get(0);
    }

    @Override
    public List<Shard<?>> shards() {
        return homes.stream().<Shard<?>>map(HomeData::shard).toList();
    }

    @Override
    public void describe(PrintStream out) {
        out.printf(Locale.ROOT, "Data: %s (UCI occupancy layout); %s; each node scales its sensors with its own statistics%n",
                source, homes.get(0).split());
        for (int i = 0; i < homes.size(); i++) {
            HomeData h = homes.get(i);
            out.printf(Locale.ROOT, "  node-%d: %5d train, %4d test; occupied %2.0f%%; %s%n", h.shard().nodeIndex() + 1,
                    h.shard().train().size(), h.shard().test().size(), 100 * h.occupiedShare(),
                    details.get(i).isEmpty() ? origins.get(i) : details.get(i));
        }
    }

    @Override
    public String summary() {
        HomeData h = home();
        return String.format(Locale.ROOT, "%d training and %d held-out readings, occupied %.0f%% (%s; %s)", h.shard().train().size(),
                h.shard().test().size(), 100 * h.occupiedShare(), origins.get(0) + (details.get(0).isEmpty() ? "" : ": " + details.get(0)),
                h.split());
    }
}
