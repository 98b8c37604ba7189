package io.fedmq.learning.occupancy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.learning.VectorExample;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HomeDataTest {
    private static final List<SensorRow> TWO_WEEKS = HomeSimulator.simulate(5, 1, HomeSimulator.DEFAULT_START, 14);

    @Test
    void everyFifthWholeDayIsHeldOut() {
        HomeData home = HomeData.of(TWO_WEEKS, 0, true);
        assertEquals(12 * 1440, home.shard().train().size());
        assertEquals(2 * 1440, home.shard().test().size(), "days 5 and 10 of 14");
        List<SensorRow> expected = TWO_WEEKS.stream().filter(r -> (r.time().getDayOfMonth() - 4) % 5 == 4).toList();
        assertEquals(expected.size(), home.shard().test().size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(home.features().of(expected.get(i)), home.shard().test().get(i).features());
            assertEquals(expected.get(i).label(), home.shard().test().get(i).label());
        }
        Set<String> heldOutDays = expected.stream().map(r -> r.time().getDayOfWeek().toString()).collect(Collectors.toSet());
        assertEquals(Set.of("SUNDAY", "FRIDAY"), heldOutDays, "from a Wednesday, the held-out days include a weekend day");
        assertTrue(home.split().contains("every 5th of 14 days"), home.split());
    }

    @Test
    void aShortOrUndatedLogHoldsOutItsLastFifth() {
        List<SensorRow> undated = TWO_WEEKS.subList(0, 1000).stream().map(r -> new SensorRow(null, r.values(), r.label())).toList();
        HomeData home = HomeData.of(undated, 3, false);
        assertEquals(800, home.shard().train().size());
        assertEquals(200, home.shard().test().size());
        assertEquals(3, home.shard().nodeIndex());
        assertArrayEquals(home.features().of(undated.get(800)), home.shard().test().get(0).features(), "the last fifth, in order");
        assertTrue(home.split().contains("last fifth"));
        var needsDates = assertThrows(IllegalArgumentException.class, () -> HomeData.of(undated, 3, true));
        assertTrue(needsDates.getMessage().contains("time of day"), needsDates.getMessage());
    }

    @Test
    void theScalingComesFromTheTrainingReadingsAlone() {
        HomeData home = HomeData.of(TWO_WEEKS, 0, false);
        double[] sum = new double[OccupancyTask.SENSORS], squares = new double[OccupancyTask.SENSORS];
        for (VectorExample e : home.shard().train()) {
            float[] x = e.features();
            for (int c = 0; c < x.length; c++) {
                sum[c] += x[c];
                squares[c] += x[c] * x[c];
            }
        }
        int n = home.shard().train().size();
        for (int c = 0; c < sum.length; c++) {
            assertEquals(0, sum[c] / n, 1e-3, "channel " + c + " is centred on the training readings");
            assertEquals(1, Math.sqrt(squares[c] / n), 1e-3, "and scaled to their spread");
        }
    }

    @Test
    void aConstantSensorIsNotBlownUp() {
        List<SensorRow> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) rows.add(new SensorRow(null, new double[] {20, 40, i * 10, 500, 0.006}, i % 2));
        Standardizer s = Standardizer.fit(rows);
        assertEquals(1, s.scale()[0]);
        assertEquals(0, s.apply(0, 20));
    }

    @Test
    void theCalendarPutsMidnightNextToOneMinuteBeforeAndSundayNextToMonday() {
        float[] late = new float[4], early = new float[4], noon = new float[4];
        OccupancyFeatures.calendar(LocalDateTime.of(2026, 2, 8, 23, 59), late, 0);  // a Sunday
        OccupancyFeatures.calendar(LocalDateTime.of(2026, 2, 9, 0, 0), early, 0);   // the Monday after
        OccupancyFeatures.calendar(LocalDateTime.of(2026, 2, 9, 12, 0), noon, 0);
        assertArrayEquals(late, early, 0.01f);
        assertEquals(-1, noon[1], 1e-6, "noon is opposite midnight");
    }

    @Test
    void unlabelledReadingsCannotBeTrainedOn() {
        List<SensorRow> rows = new ArrayList<>(TWO_WEEKS.subList(0, 10));
        rows.set(3, new SensorRow(rows.get(3).time(), rows.get(3).values(), SensorRow.UNLABELLED));
        assertThrows(IllegalArgumentException.class, () -> HomeData.of(rows, 0, true));
    }
}
