package io.fedmq.learning.occupancy;

import io.fedmq.learning.occupancy.HomeProfile.Lifestyle;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;

/**
 * One day of a simulated home, minute by minute: how many people are in the watched room, whether its lamps would
 * be wanted, and the thermostat's program. Days differ: wake-up and departures drift by tens of minutes, weekends
 * start later and have outings instead of work, evenings sometimes have one, and people step out of the room
 * (sometimes leaving the lamps on).
 */
final class DaySchedule {
    static final int MINUTES = 24 * 60;

    /** People in the room, per minute of the day. */
    final int[] present = new int[MINUTES];
    /** Whether the lamps stay on although the room is empty for a moment. */
    final boolean[] lampsLeftOn = new boolean[MINUTES];
    /** Whether the thermostat's program is at its comfort setpoint (it follows the usual routine, not the people). */
    final boolean[] comfort = new boolean[MINUTES];
    /** Minutes when someone at home cooks: moisture. */
    final boolean[] cooking = new boolean[MINUTES];
    /** Minutes when a window is open: fast air exchange. */
    final boolean[] airing = new boolean[MINUTES];

    private DaySchedule() {}

    static DaySchedule of(HomeProfile home, LocalDate date, Random random) {
        DaySchedule d = new DaySchedule();
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        int wake = home.wakeMinute() + jitter(random, 20) + (weekend ? 60 + random.nextInt(61) : 0);
        int bed = Math.min(MINUTES - 1, home.bedMinute() + jitter(random, 25) + (weekend ? random.nextInt(61) : 0));
        boolean[] home_ = new boolean[MINUTES];
        fill(home_, wake, bed, true);
        boolean[] programmed = d.comfort;
        fill(programmed, home.wakeMinute() - 30 + (weekend ? 60 : 0), home.bedMinute(), true);
        if (weekend) {
            int outings = random.nextInt(3);
            for (int i = 0; i < outings; i++) {
                int start = 10 * 60 + random.nextInt(7 * 60);
                fill(home_, start, start + 60 + random.nextInt(181), false);
            }
        } else {
            int leave = home.leaveMinute() + jitter(random, 15), back = home.returnMinute() + jitter(random, 25);
            fill(home_, leave, back, false);
            if (home.lifestyle() != Lifestyle.HOME_WORKER) fill(programmed, home.leaveMinute() + 15, home.returnMinute() - 30, false);
            if (home.lifestyle() == Lifestyle.COMMUTER && random.nextDouble() < 0.15) { // the gym, friends
                int start = back + 45 + random.nextInt(60);
                fill(home_, start, start + 60 + random.nextInt(61), false);
            }
            if (home.lifestyle() == Lifestyle.HOME_WORKER && random.nextDouble() < 0.4) { // errands
                int start = 15 * 60 + random.nextInt(120);
                fill(home_, start, start + 30 + random.nextInt(61), false);
            }
        }
        d.occupy(home, home_, wake, random);
        d.meals(home_, wake, random);
        if (random.nextDouble() < 0.2) fill(d.airing, wake + 20 + random.nextInt(90), wake + 40 + random.nextInt(110), true);
        return d;
    }

    /** In the room while at home and up, except for the first minutes of the day and short spells in other rooms. */
    private void occupy(HomeProfile home, boolean[] atHome, int wake, Random random) {
        int people = 0;
        boolean leftOn = false;
        int awayUntil = Math.min(MINUTES, wake + 10 + random.nextInt(25)); // bathroom, dressing
        for (int m = 0; m < MINUTES; m++) {
            if (!atHome[m]) {
                people = 0;
                continue;
            }
            if (m < awayUntil) {
                lampsLeftOn[m] = leftOn;
                continue;
            }
            if (people == 0) people = 1 + binomial(random, home.occupants() - 1, 0.6); // a new stay in the room
            if (random.nextDouble() < 0.25 / 60) { // about one short spell elsewhere every four hours
                awayUntil = m + 5 + random.nextInt(16);
                leftOn = random.nextDouble() < 0.3;
                people = 0;
                lampsLeftOn[m] = leftOn;
                continue;
            }
            present[m] = people;
        }
    }

    /** Breakfast and dinner, when someone is at home then. */
    private void meals(boolean[] atHome, int wake, Random random) {
        int[] starts = {wake + 20 + random.nextInt(20), 18 * 60 + random.nextInt(90)};
        for (int start : starts) {
            int end = Math.min(MINUTES, start + 20 + random.nextInt(25));
            for (int m = start; m < end; m++) cooking[m] = atHome[m];
        }
    }

    private static void fill(boolean[] a, int from, int to, boolean value) {
        Arrays.fill(a, Math.max(0, from), Math.max(Math.max(0, from), Math.min(MINUTES, to)), value);
    }

    private static int jitter(Random random, int spread) {
        return (int) Math.round(random.nextGaussian() * spread);
    }

    private static int binomial(Random random, int n, double p) {
        int k = 0;
        for (int i = 0; i < n; i++) if (random.nextDouble() < p) k++;
        return k;
    }
}
