package io.fedmq.learning.occupancy;

import java.util.Locale;
import java.util.Random;

/**
 * Everything that makes one simulated home unlike another: who lives there and when they are in the room the
 * sensor watches, the climate and the building, the lamps, and how far its sensor is off. Drawn from a seed by
 * {@link #draw}; {@link HomeSimulator} turns it into readings.
 *
 * @param occupants        people living there, 1-4
 * @param lifestyle        when they are home
 * @param wakeMinute       weekday wake-up, minutes after midnight (weekends are later)
 * @param bedMinute        bedtime, minutes after midnight
 * @param leaveMinute      weekday departure for work (shift workers: early afternoon)
 * @param returnMinute     weekday return (shift workers: late evening)
 * @param latitude         degrees north: day length and sun height
 * @param meanOutdoorC     the year's mean outdoor temperature
 * @param seasonalSwingC   half the difference between the warmest and the coldest month
 * @param roomVolumeM3     the watched room's air volume
 * @param airChangesPerHour ventilation: how fast CO2 and moisture return to outdoor levels
 * @param windowLux        indoor daylight at the sensor under a clear sky with the sun high
 * @param lampLux          what the lamps add at the sensor
 * @param lampThresholdLux below this much daylight, people in the room switch the lamps on
 * @param comfortC         thermostat setpoint while people are up and about
 * @param setbackC         thermostat setpoint at night and, for a schedule that knows it, while away
 * @param outdoorCo2       outdoor CO2, ppm
 * @param tempBiasC        the sensor's temperature error
 * @param humidityBias     the sensor's relative-humidity error, percentage points
 * @param co2Bias          the sensor's CO2 error, ppm
 * @param lightGain        the light sensor's gain error, a factor
 */
public record HomeProfile(int occupants, Lifestyle lifestyle, int wakeMinute, int bedMinute, int leaveMinute, int returnMinute,
                          double latitude, double meanOutdoorC, double seasonalSwingC, double roomVolumeM3,
                          double airChangesPerHour, double windowLux, double lampLux, double lampThresholdLux, double comfortC,
                          double setbackC, double outdoorCo2, double tempBiasC, double humidityBias, double co2Bias,
                          double lightGain) {

    /** When the household is at home on a weekday. */
    public enum Lifestyle {
        /** Out from morning to evening on weekdays. */
        COMMUTER,
        /** Works from the living room; out for a lunch walk and errands. */
        HOME_WORKER,
        /** At home in the morning, out from early afternoon to late evening on weekdays. */
        SHIFT_WORKER
    }

    /** A home drawn from {@code random}: every parameter within what real homes and cheap sensors show. */
    static HomeProfile draw(Random random) {
        int occupants = 1 + pick(random, 0.3, 0.4, 0.2, 0.1);
        Lifestyle lifestyle = Lifestyle.values()[pick(random, 0.55, 0.25, 0.2)];
        int wake = minutes(random, 6 * 60, 7 * 60 + 30);
        int bed = minutes(random, 22 * 60, 23 * 60 + 45);
        int leave, back;
        switch (lifestyle) {
            case COMMUTER -> {
                leave = wake + minutes(random, 40, 80);
                back = minutes(random, 16 * 60 + 30, 19 * 60);
            }
            case SHIFT_WORKER -> {
                leave = minutes(random, 13 * 60, 14 * 60 + 30);
                back = minutes(random, 22 * 60 + 15, 23 * 60);
                bed = Math.max(bed, back + minutes(random, 40, 90));
                wake = wake + 90;
            }
            default -> {
                leave = minutes(random, 12 * 60, 12 * 60 + 45);  // the lunch walk
                back = leave + minutes(random, 30, 75);
            }
        }
        return new HomeProfile(occupants, lifestyle, wake, Math.min(bed, 24 * 60 - 5), leave, back,
                between(random, 40, 58), between(random, 7, 15), between(random, 6, 10), between(random, 30, 70),
                between(random, 0.4, 1.2), between(random, 150, 700), between(random, 200, 450), between(random, 100, 220),
                between(random, 20, 22.5), between(random, 16, 18.5), between(random, 400, 440),
                random.nextGaussian() * 0.4, random.nextGaussian() * 2, random.nextGaussian() * 25, between(random, 0.8, 1.2));
    }

    /** One line for the demo's console. */
    public String describe() {
        return String.format(Locale.ROOT, "%d %s, %s, %.0f m3 room, lamps %.0f lux, %.1f C comfort",
                occupants, occupants == 1 ? "occupant" : "occupants", lifestyle.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                roomVolumeM3, lampLux, comfortC);
    }

    private static int pick(Random random, double... weights) {
        double u = random.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            if ((u -= weights[i]) < 0) return i;
        }
        return weights.length - 1;
    }

    private static int minutes(Random random, int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    private static double between(Random random, double from, double to) {
        return from + random.nextDouble() * (to - from);
    }
}
