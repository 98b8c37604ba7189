package io.fedmq.protocol.secagg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NeighbourGraphTest {
    @Test
    void everyNodeHasExactlyKNeighboursAndEdgesGoBothWays() {
        for (int n : new int[] {5, 8, 13, 40, 101}) {
            for (int k = 1; k < n - 1; k++) {
                if (k % 2 == 1 && n % 2 == 1) continue;
                NeighbourGraph g = NeighbourGraph.build(ids(n), k, new byte[] {1, 2, 3});
                assertEquals(k, g.degree());
                assertFalse(g.isComplete());
                for (String a : g.nodes()) {
                    Set<String> na = g.neighbours(a);
                    assertEquals(k, na.size(), "n=" + n + " k=" + k + " node " + a);
                    assertFalse(na.contains(a), "no self loops");
                    for (String b : na) assertTrue(g.neighbours(b).contains(a), "symmetric");
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameGraphAndAnotherSeedAnother() {
        NeighbourGraph a = NeighbourGraph.build(ids(50), 6, new byte[] {42});
        NeighbourGraph b = NeighbourGraph.build(ids(50), 6, new byte[] {42});
        NeighbourGraph c = NeighbourGraph.build(ids(50), 6, new byte[] {43});
        assertEquals(adjacency(a), adjacency(b));
        assertNotEquals(adjacency(a), adjacency(c));
    }

    @Test
    void thePermutationDoesNotSimplyFollowIdOrder() {
        NeighbourGraph g = NeighbourGraph.build(ids(100), 4, new byte[] {9});
        int sortedNeighbours = 0; // in the unpermuted ring, node i's neighbours would be i +- 1, i +- 2
        for (int i = 0; i < 100; i++) {
            for (int j = 1; j <= 2; j++) if (g.neighbours(id(i)).contains(id((i + j) % 100))) sortedNeighbours++;
        }
        assertTrue(sortedNeighbours < 20, "expected about 200 * 4/99 ~ 8 chance adjacencies, got " + sortedNeighbours);
    }

    @Test
    void isCompleteWhenKReachesNMinusOne() {
        for (int n = 1; n <= 6; n++) {
            NeighbourGraph g = NeighbourGraph.build(ids(n), Math.max(1, n - 1) + 3, new byte[] {1});
            assertTrue(g.isComplete());
            assertEquals(n - 1, g.degree());
            for (String a : g.nodes()) assertEquals(n - 1, g.neighbours(a).size());
        }
    }

    @Test
    void indicesAreOneBasedInSortedOrder() {
        NeighbourGraph g = NeighbourGraph.build(List.of("a", "b", "c"), 2, new byte[] {1});
        assertEquals(1, g.index("a"));
        assertEquals(3, g.index("c"));
        assertThrows(IllegalArgumentException.class, () -> g.index("z"));
        assertThrows(IllegalArgumentException.class, () -> g.neighbours("z"));
    }

    @Test
    void refusesImpossibleGraphsAndUnsortedIds() {
        assertThrows(IllegalArgumentException.class, () -> NeighbourGraph.build(ids(9), 3, new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> NeighbourGraph.build(List.of("b", "a"), 1, new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> NeighbourGraph.build(List.of("a", "a"), 1, new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> NeighbourGraph.build(ids(4), 0, new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> NeighbourGraph.build(ids(4), 2, new byte[0]));
    }

    static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) ids.add(id(i));
        return ids;
    }

    static String id(int i) { return String.format("node-%04d", i); }

    private static Map<String, Set<String>> adjacency(NeighbourGraph g) {
        Map<String, Set<String>> m = new HashMap<>();
        for (String a : g.nodes()) m.put(a, Set.copyOf(g.neighbours(a)));
        return m;
    }
}
