package io.fedmq.learning.occupancy;

import io.fedmq.learning.Shard;
import io.fedmq.learning.VectorExample;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One home's readings made ready for the network: split into training and held-out readings, scaled with
 * statistics of the training part only, and the scaling kept for the predictions the node serves later.
 *
 * <p>The split keeps whole days apart, because readings a minute apart are near copies of each other: a random
 * split would test the model on the minutes next to those it trained on and flatter it. Every fifth day of the
 * log (counted from its first day, so weekdays and weekends both land in it) is held out; a log without dates,
 * or shorter than five days, holds out its last fifth instead.
 *
 * @param shard    the scaled examples (label 1 occupied)
 * @param features the scaling and encoding, to serve predictions exactly as the model was trained
 * @param split    how the held-out readings were chosen, for the node's console
 */
public record HomeData(Shard<VectorExample> shard, OccupancyFeatures features, String split) {
    /** Held out: every {@value}th day, or the last 1/{@value} of the rows. */
    static final int HOLD_OUT_EVERY = 5;

    public HomeData {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(features, "features");
    }

    /**
     * Prepares {@code rows} (all labelled) as node {@code nodeIndex}'s data.
     *
     * @param calendar whether the network reads the time of day and week (every row then needs its date)
     * @throws IllegalArgumentException when a row is unlabelled, or the calendar is asked of rows without dates
     */
    public static HomeData of(List<SensorRow> rows, int nodeIndex, boolean calendar) {
        if (rows.size() < HOLD_OUT_EVERY) throw new IllegalArgumentException("too few readings to train and test on: " + rows.size());
        for (SensorRow r : rows) {
            if (r.label() == SensorRow.UNLABELLED) throw new IllegalArgumentException("unlabelled reading: " + r);
            if (calendar && r.time() == null) throw new IllegalArgumentException("the model reads the time of day, and a reading has no date");
        }
        List<SensorRow> train = new ArrayList<>(), test = new ArrayList<>();
        String split;
        boolean dated = rows.stream().allMatch(r -> r.time() != null);
        LocalDate first = dated ? rows.stream().map(r -> r.time().toLocalDate()).min(LocalDate::compareTo).orElseThrow() : null;
        long days = dated ? ChronoUnit.DAYS.between(first, rows.stream().map(r -> r.time().toLocalDate()).max(LocalDate::compareTo).orElseThrow()) + 1 : 0;
        if (days >= HOLD_OUT_EVERY) {
            for (SensorRow r : rows) {
                long day = ChronoUnit.DAYS.between(first, r.time().toLocalDate());
                (day % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1 ? test : train).add(r);
            }
            split = "every " + HOLD_OUT_EVERY + "th of " + days + " days held out";
        } else {
            int cut = rows.size() - rows.size() / HOLD_OUT_EVERY;
            train.addAll(rows.subList(0, cut));
            test.addAll(rows.subList(cut, rows.size()));
            split = "last fifth of the readings held out";
        }
        OccupancyFeatures features = new OccupancyFeatures(Standardizer.fit(train), calendar);
        return new HomeData(new Shard<>(nodeIndex, examples(train, features), examples(test, features)), features, split);
    }

    /** The share of this home's readings (training and held-out) that are occupied. */
    public double occupiedShare() {
        return shard.all().stream().filter(e -> e.label() == 1).count() / (double) shard.all().size();
    }

    private static List<VectorExample> examples(List<SensorRow> rows, OccupancyFeatures features) {
        List<VectorExample> out = new ArrayList<>(rows.size());
        for (SensorRow r : rows) out.add(new VectorExample(features.of(r), r.label()));
        return out;
    }
}
