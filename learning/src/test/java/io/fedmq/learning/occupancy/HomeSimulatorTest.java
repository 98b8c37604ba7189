package io.fedmq.learning.occupancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HomeSimulatorTest {
    private static final long SEED = 7;
    private static final int HOMES = 6;
    private static List<List<SensorRow>> homes;

    @BeforeAll
    static void simulate() {
        homes = IntStream.range(0, HOMES).mapToObj(h -> HomeSimulator.simulate(SEED, h, HomeSimulator.DEFAULT_START, 14)).toList();
    }

    private static double mean(List<SensorRow> rows, int channel, Predicate<SensorRow> which) {
        return rows.stream().filter(which).mapToDouble(r -> r.values()[channel]).average().orElse(Double.NaN);
    }

    private static double occupiedShare(List<SensorRow> rows, Predicate<SensorRow> which) {
        return rows.stream().filter(which).mapToInt(SensorRow::label).average().orElse(Double.NaN);
    }

    @Test
    void theSameSeedAndHomeGiveTheSameReadings() {
        assertEquals(homes.get(2), HomeSimulator.simulate(SEED, 2, HomeSimulator.DEFAULT_START, 14));
        assertNotEquals(homes.get(2), HomeSimulator.simulate(SEED + 1, 2, HomeSimulator.DEFAULT_START, 14));
        assertEquals(14 * 24 * 60, homes.get(0).size(), "one reading a minute");
    }

    @Test
    void everyHomeHasItsOwnPeopleClimateAndSensor() {
        Set<String> profiles = new HashSet<>();
        Set<HomeProfile.Lifestyle> lifestyles = new HashSet<>();
        for (int h = 0; h < HOMES; h++) {
            HomeProfile p = HomeSimulator.profile(SEED, h);
            profiles.add(p.describe());
            lifestyles.add(p.lifestyle());
        }
        assertEquals(HOMES, profiles.size());
        assertTrue(lifestyles.size() >= 2, "a fleet mixes routines: " + lifestyles);
        double[] meanTemperature = homes.stream().mapToDouble(r -> mean(r, 0, x -> true)).toArray();
        double spread = java.util.Arrays.stream(meanTemperature).max().orElseThrow() - java.util.Arrays.stream(meanTemperature).min().orElseThrow();
        assertTrue(spread > 0.5, "homes are kept at different temperatures: " + java.util.Arrays.toString(meanTemperature));
    }

    @Test
    void readingsStayWithinWhatRealSensorsShow() {
        for (List<SensorRow> rows : homes) {
            for (SensorRow r : rows) {
                double[] v = r.values();
                assertTrue(v[0] > 10 && v[0] < 30, "temperature " + r);
                assertTrue(v[1] >= 5 && v[1] <= 95, "humidity " + r);
                assertTrue(v[2] >= 0 && v[2] < 2000, "light " + r);
                assertTrue(v[3] >= 300 && v[3] < 5000, "CO2 " + r);
                assertEquals(HomeSimulator.humidityRatio(v[0], v[1]), v[4], 1e-12, "the humidity ratio follows from the sensed values");
            }
            double share = occupiedShare(rows, x -> true);
            assertTrue(share > 0.1 && share < 0.7, "occupied share " + share);
        }
    }

    @Test
    void occupancyRaisesCo2AndDarknessWithPeopleMeansLamps() {
        for (List<SensorRow> rows : homes) {
            assertTrue(mean(rows, 3, r -> r.label() == 1) > mean(rows, 3, r -> r.label() == 0) + 150, "people breathe out CO2");
            // Between midnight and 4 am the room is dark and empty; people in the evening darkness switch on lamps.
            assertTrue(mean(rows, 2, r -> r.time().getHour() < 4) < 10);
            assertTrue(mean(rows, 2, r -> r.label() == 1 && r.time().getHour() >= 20) > 150);
        }
    }

    @Test
    void weekendsAreNotWeekdays() {
        Predicate<SensorRow> weekdayWorkHours = r -> r.time().getDayOfWeek().getValue() <= 5 && r.time().getHour() >= 10 && r.time().getHour() < 16;
        Predicate<SensorRow> weekendWorkHours = r -> r.time().getDayOfWeek().getValue() > 5 && r.time().getHour() >= 10 && r.time().getHour() < 16;
        for (int h = 0; h < HOMES; h++) {
            if (HomeSimulator.profile(SEED, h).lifestyle() != HomeProfile.Lifestyle.COMMUTER) continue;
            List<SensorRow> rows = homes.get(h);
            assertTrue(occupiedShare(rows, weekdayWorkHours) < 0.05, "a commuter is out on weekdays");
            assertTrue(occupiedShare(rows, weekendWorkHours) > 0.3, "and at home at weekends, between outings");
        }
        assertTrue(homes.get(0).stream().anyMatch(r -> r.time().getDayOfWeek() == DayOfWeek.SUNDAY));
    }

    /**
     * The UCI files' own humidity ratio: their first line reads 23.18 C and 27.272 % as 0.00479298817650529. Their
     * saturation formula was another (Magnus here): within half a percent, and far from any other quantity.
     */
    @Test
    void humidityRatioIsThePsychrometricOne() {
        assertEquals(0.00479298817650529, HomeSimulator.humidityRatio(23.18, 27.272), 0.005 * 0.00479298817650529);
        assertEquals(40, HomeSimulator.relativeHumidity(21, HomeSimulator.humidityRatio(21, 40)), 1e-9);
    }
}
