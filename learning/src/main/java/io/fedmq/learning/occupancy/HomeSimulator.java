package io.fedmq.learning.occupancy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Simulated smart homes for the demo: each home ({@link HomeProfile}) has its own people and routine, climate,
 * room and lamps, and a sensor with its own errors, and produces one reading a minute in the UCI occupancy layout.
 * The physics is deliberately simple, first-order and plausible rather than exact:
 * <ul>
 *   <li>CO2 rises by about 300/V ppm a minute per person in a room of V m3 (0.3 l/min each, sitting) and decays
 *       toward the outdoor level with the air-change rate; an open window speeds that up;
 *   <li>moisture (the humidity ratio) rises with people and cooking and decays the same way; relative humidity
 *       follows from it and the temperature (Magnus formula);
 *   <li>the temperature follows a thermostat with a daily program, heat losses to the outdoors (seasonal and daily
 *       swings, day-to-day weather), and small gains from people, lamps and sun;
 *   <li>daylight follows the sun's height at the home's latitude and the day's clouds; people in the room switch
 *       the lamps on when it is darker than they like, and sometimes leave them on when they step out.
 * </ul>
 * Deterministic: the same seed and home index give the same readings on every JVM ({@link Random} and
 * {@link StrictMath} only), so a node that knows only "home 2 of 6" produces the demo's home 2.
 */
public final class HomeSimulator {
    /** Standard atmospheric pressure, Pa. */
    static final double PRESSURE = 101_325;
    /** Ratio of the molar masses of water and dry air. */
    static final double WATER_AIR = 0.62198;

    /**
     * Where the demo's homes start: a Wednesday in February, as the UCI recordings did (4 February 2015), so that
     * heating, short days and lamps all matter, and every fifth day (the held-out ones) includes a Sunday.
     */
    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 2, 4);

    private HomeSimulator() {}

    /** Home {@code index} of the fleet seeded with {@code seed}. */
    public static HomeProfile profile(long seed, int index) {
        return HomeProfile.draw(new Random(mix(seed, index, 0)));
    }

    /** {@code days} days of one reading a minute from home {@code index} of fleet {@code seed}, from {@code start} 00:00. */
    public static List<SensorRow> simulate(long seed, int index, LocalDate start, int days) {
        if (days < 1) throw new IllegalArgumentException("days must be >= 1, got " + days);
        return new Run(profile(seed, index), new Random(mix(seed, index, 1))).days(start, days);
    }

    private static long mix(long seed, int index, int stream) {
        return seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + stream;
    }

    /** Saturation vapour pressure over water, Pa (Magnus, Alduchov and Eskridge 1996). */
    static double saturation(double celsius) {
        return 610.94 * StrictMath.exp(17.625 * celsius / (celsius + 243.04));
    }

    /** Humidity ratio (kg water per kg dry air) of air at {@code celsius} and {@code relativeHumidity} %. */
    public static double humidityRatio(double celsius, double relativeHumidity) {
        double pw = relativeHumidity / 100 * saturation(celsius);
        return WATER_AIR * pw / (PRESSURE - pw);
    }

    /** Relative humidity (%) of air at {@code celsius} holding {@code ratio} kg water per kg dry air. */
    static double relativeHumidity(double celsius, double ratio) {
        double pw = ratio * PRESSURE / (WATER_AIR + ratio);
        return 100 * pw / saturation(celsius);
    }

    /** One home's simulation: its state carried from minute to minute. */
    private static final class Run {
        private final HomeProfile home;
        private final Random random;
        private double indoorC, ratio, co2, weather;
        private boolean heating;

        Run(HomeProfile home, Random random) {
            this.home = home;
            this.random = random;
        }

        List<SensorRow> days(LocalDate start, int days) {
            indoorC = home.setbackC();
            co2 = home.outdoorCo2();
            ratio = humidityRatio(home.setbackC(), 40);
            List<SensorRow> rows = new ArrayList<>(days * DaySchedule.MINUTES);
            for (int d = 0; d < days; d++) {
                LocalDate date = start.plusDays(d);
                DaySchedule day = DaySchedule.of(home, date, random);
                double nextWeather = 0.7 * weather + random.nextGaussian() * 2.0;
                double cloud = 0.25 + 0.75 * random.nextDouble(), cloudDrift = random.nextDouble() * 2 * Math.PI;
                for (int m = 0; m < DaySchedule.MINUTES; m++) {
                    double w = weather + (nextWeather - weather) * m / DaySchedule.MINUTES;
                    rows.add(minute(date.atStartOfDay().plusMinutes(m), day, m, w, cloud, cloudDrift));
                }
                weather = nextWeather;
            }
            return rows;
        }

        private SensorRow minute(LocalDateTime t, DaySchedule day, int m, double weatherC, double cloud, double cloudDrift) {
            int people = day.present[m];
            double hour = m / 60.0;
            double outdoorC = home.meanOutdoorC() + home.seasonalSwingC() * StrictMath.cos(2 * Math.PI * (t.getDayOfYear() - 200) / 365.0)
                    + 4 * StrictMath.cos(2 * Math.PI * (hour - 15) / 24) + weatherC;
            double sun = Math.max(0, sunHeight(t.getDayOfYear(), hour));
            double clouds = Math.min(1, Math.max(0.1, cloud + 0.15 * StrictMath.sin(cloudDrift + hour / 2)));
            double daylight = home.windowLux() * StrictMath.pow(sun, 0.8) * clouds;
            boolean lamps = (people > 0 || day.lampsLeftOn[m]) && daylight < home.lampThresholdLux();
            double light = daylight + (lamps ? home.lampLux() : 0);

            double tau = 60 / (home.airChangesPerHour() * (day.airing[m] ? 6 : 1)); // minutes
            co2 += (home.outdoorCo2() - co2) / tau + people * 300 / home.roomVolumeM3();
            double outdoorRatio = humidityRatio(outdoorC, 80);
            ratio += (outdoorRatio - ratio) / tau + people * 1.5e-6 + (day.cooking[m] ? 6e-6 : 0);

            double setpoint = day.comfort[m] ? home.comfortC() : home.setbackC();
            if (indoorC < setpoint - 0.3) heating = true;
            if (indoorC > setpoint + 0.2) heating = false;
            indoorC += (outdoorC - indoorC) / (day.airing[m] ? 120 : 900) + (heating ? 0.03 : 0) + people * 0.0015
                    + sun * clouds * 0.002 + (lamps ? 0.0003 : 0);

            double sensedC = indoorC + home.tempBiasC() + random.nextGaussian() * 0.05;
            double sensedRh = clamp(relativeHumidity(indoorC, ratio) + home.humidityBias() + random.nextGaussian() * 0.3, 5, 95);
            double sensedLight = Math.max(0, light * home.lightGain() * (1 + random.nextGaussian() * 0.02) + random.nextGaussian() * 1.5);
            double sensedCo2 = Math.max(300, co2 + home.co2Bias() + random.nextGaussian() * 10);
            double[] values = {sensedC, sensedRh, sensedLight, sensedCo2, humidityRatio(sensedC, sensedRh)};
            return new SensorRow(t, values, people > 0 ? 1 : 0);
        }

        /** Sine of the sun's elevation at local solar time {@code hour} (noon 12:30, a little after clock noon). */
        private double sunHeight(int dayOfYear, double hour) {
            double declination = Math.toRadians(23.44) * StrictMath.sin(2 * Math.PI * (284 + dayOfYear) / 365.0);
            double lat = Math.toRadians(home.latitude());
            double hourAngle = Math.toRadians(15 * (hour - 12.5));
            return StrictMath.sin(lat) * StrictMath.sin(declination) + StrictMath.cos(lat) * StrictMath.cos(declination) * StrictMath.cos(hourAngle);
        }

        private static double clamp(double x, double lo, double hi) {
            return Math.max(lo, Math.min(hi, x));
        }
    }
}
