package io.fedmq.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final List<String> TEN = nodes(10);

    private static List<String> nodes(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> String.format("pi-%02d", i)).toList();
    }

    /** Selection counts per node over {@code rounds}, starting at round {@code first}. */
    private static Map<String, Integer> run(Sampler s, long first, int rounds, List<String> online) {
        Map<String, Integer> counts = new HashMap<>();
        online.forEach(id -> counts.put(id, 0));
        for (long r = first; r < first + rounds; r++) s.select(r, online).forEach(id -> counts.merge(id, 1, Integer::sum));
        return counts;
    }

    /**
     * How far apart the most and least selected nodes are. Counted over a window that starts mid-run, a sampler
     * whose running counts never differ by more than one can show two: one node ahead when the window opens, another
     * when it closes.
     */
    private static int spread(Map<String, Integer> counts) {
        return Collections.max(counts.values()) - Collections.min(counts.values());
    }

    @Test
    void selectsCeilOfTheFractionOfOnlineNodesSortedById() {
        Sampler s = new Sampler(new Sampling(0.3, 100, 1), 1);
        List<String> picked = s.select(1, TEN);
        assertEquals(3, picked.size());
        assertEquals(picked.stream().sorted().toList(), picked);
        assertEquals(4, new Sampler(new Sampling(0.31, 100, 1), 1).select(1, TEN).size()); // 3.1 rounds up
        assertEquals(7, new Sampler(new Sampling(0.07, 1000, 1), 1).select(1, nodes(100)).size()); // not 8: 0.07*100 > 7 in binary
    }

    @Test
    void respectsMinAndMaxNodes() {
        assertEquals(4, new Sampler(new Sampling(0.1, 100, 1), 4).select(1, TEN).size(), "at least minNodes");
        assertEquals(5, new Sampler(new Sampling(1.0, 5, 1), 1).select(1, TEN).size(), "at most maxNodes");
        assertEquals(2, new Sampler(new Sampling(0.5, 100, 1), 4).select(1, nodes(2)).size(), "never more than are online");
        assertEquals(List.of(), new Sampler(Sampling.ALL, 1).select(1, List.of()));
        assertEquals(TEN, new Sampler(Sampling.ALL, 1).select(1, TEN));
    }

    @Test
    void countsNeverDifferByMoreThanOneAndNoNodeWaitsLong() {
        Sampler s = new Sampler(new Sampling(0.3, 100, 42), 1);
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Long> last = new HashMap<>();
        TEN.forEach(id -> { counts.put(id, 0); last.put(id, 0L); });
        for (long r = 1; r <= 1000; r++) {
            for (String id : s.select(r, TEN)) {
                counts.merge(id, 1, Integer::sum);
                // 3 a round of 10: everyone's turn comes within ceil(10/3) = 4 rounds.
                assertTrue(r - last.get(id) <= 4, id + " waited " + (r - last.get(id)) + " rounds before round " + r);
                last.put(id, r);
            }
            assertTrue(spread(counts) <= 1, "round " + r + ": " + counts);
        }
        assertEquals(3000, counts.values().stream().mapToInt(Integer::intValue).sum());
        TEN.forEach(id -> assertTrue(last.get(id) > 1000 - 4, id + " last selected in round " + last.get(id)));
    }

    @Test
    void tiesAreBrokenBySeedNotById() {
        // The first round is all ties: over many seeds every node should lead about equally often, low ids no more.
        Map<String, Integer> firstRound = new HashMap<>();
        for (long seed = 0; seed < 1000; seed++) {
            new Sampler(new Sampling(0.3, 100, seed), 1).select(1, TEN).forEach(id -> firstRound.merge(id, 1, Integer::sum));
        }
        // Expected 300 each; binomial sd ~14.5, so 220..380 is far out in the tails for a fair shuffle.
        TEN.forEach(id -> {
            int c = firstRound.getOrDefault(id, 0);
            assertTrue(c >= 220 && c <= 380, id + " led " + c + " of 1000 first rounds: " + firstRound);
        });
    }

    @Test
    void theSameSeedReplaysTheSameSelectionsAndAnotherDoesNot() {
        List<List<String>> a = new ArrayList<>(), b = new ArrayList<>(), c = new ArrayList<>();
        Sampler sa = new Sampler(new Sampling(0.3, 100, 7), 1), sb = new Sampler(new Sampling(0.3, 100, 7), 1),
                sc = new Sampler(new Sampling(0.3, 100, 8), 1);
        for (long r = 1; r <= 50; r++) {
            a.add(sa.select(r, TEN));
            b.add(sb.select(r, TEN));
            c.add(sc.select(r, TEN));
        }
        assertEquals(a, b);
        assertNotEquals(a, c);
        // Order of the online list does not matter either, only who is in it.
        Sampler shuffledInput = new Sampler(new Sampling(0.3, 100, 7), 1);
        List<String> reversed = new ArrayList<>(TEN);
        Collections.reverse(reversed);
        for (long r = 1; r <= 50; r++) assertEquals(a.get((int) r - 1), shuffledInput.select(r, reversed));
    }

    @Test
    void aLateNodeJoinsTheRotationAtOnceAndThenGetsItsFairShare() {
        Sampler s = new Sampler(new Sampling(0.3, 100, 3), 1);
        run(s, 1, 100, TEN);
        List<String> eleven = new ArrayList<>(TEN);
        eleven.add("pi-late");
        // 4 of 11 a round: a newcomer with nothing owed still comes up within a turn of the rotation.
        int firstPick = -1;
        for (int i = 0; i < 3 && firstPick < 0; i++) if (s.select(101 + i, eleven).contains("pi-late")) firstPick = i;
        assertTrue(firstPick >= 0, "the late node was not selected in the 3 rounds after it joined");
        Map<String, Integer> after = run(s, 104, 110, eleven); // 440 selections: 40 each
        assertTrue(Math.abs(after.get("pi-late") - 40) <= 1, after.toString());
        assertTrue(spread(after) <= 2, after.toString());
    }

    @Test
    void aNodeBackFromOfflineGetsNoBacklogThatStarvesTheOthers() {
        Sampler s = new Sampler(new Sampling(0.3, 100, 5), 1);
        run(s, 1, 10, TEN);
        List<String> withoutFirst = TEN.subList(1, 10);
        run(s, 11, 60, withoutFirst); // pi-01 offline for 60 rounds: a count-based sampler would owe it ~20 selections
        // Back online: over the next 10 rounds (30 selections, 3 each) it gets its turn, not a catch-up streak.
        Map<String, Integer> back = run(s, 71, 10, TEN);
        assertTrue(back.get("pi-01") >= 2 && back.get("pi-01") <= 4, "pi-01 was selected " + back.get("pi-01") + " of 10 rounds");
        assertTrue(spread(back) <= 2, back.toString());
        Map<String, Integer> later = run(s, 81, 100, TEN);
        assertTrue(spread(later) <= 2, later.toString());
    }

    @Test
    void aFlickeringFleetStaysFairAmongThosePresent() {
        // Each round a different node is offline; everyone is present in 9 of 10 rounds and should get as many turns.
        Sampler s = new Sampler(new Sampling(0.5, 100, 11), 1);
        Map<String, Integer> counts = new HashMap<>();
        for (long r = 1; r <= 1000; r++) {
            String away = TEN.get((int) (r % 10));
            List<String> online = TEN.stream().filter(id -> !id.equals(away)).toList();
            List<String> picked = s.select(r, online);
            assertEquals(5, picked.size());
            assertTrue(!picked.contains(away));
            picked.forEach(id -> counts.merge(id, 1, Integer::sum));
        }
        assertTrue(spread(counts) <= 2, counts.toString()); // 500 each
    }
}
