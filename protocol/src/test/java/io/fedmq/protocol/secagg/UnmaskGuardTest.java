package io.fedmq.protocol.secagg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.secagg.UnmaskGuard.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnmaskGuardTest {
    private final UnmaskGuard guard = new UnmaskGuard();

    @Test
    void givesOneKindPerPeerAndRepeatsItOnRequest() throws Exception {
        assertEquals(Map.of("a", Kind.SELF_SEED, "b", Kind.MASK_KEY), guard.authorize(7, List.of("a"), List.of("b")));
        assertEquals(Map.of("a", Kind.SELF_SEED), guard.authorize(7, List.of("a"), List.of()), "a retransmitted request");
        assertEquals(Optional.of(Kind.MASK_KEY), guard.revealed(7, "b"));
    }

    @Test
    void refusesTheOtherKindForAPeerAlreadyAnswered() throws Exception {
        guard.authorize(7, List.of("a"), List.of("b"));
        SecAggException e = assertThrows(SecAggException.class, () -> guard.authorize(7, List.of(), List.of("a")));
        assertTrue(e.getMessage().contains("already revealed the self-seed share of a"), e.getMessage());
        assertThrows(SecAggException.class, () -> guard.authorize(7, List.of("b"), List.of()));
    }

    @Test
    void refusesAPeerListedAsBothSurvivedAndDropped() {
        SecAggException e = assertThrows(SecAggException.class, () -> guard.authorize(7, List.of("a", "c"), List.of("c")));
        assertTrue(e.getMessage().contains("both"), e.getMessage());
    }

    @Test
    void aRefusedRequestRecordsNothing() throws Exception {
        guard.authorize(7, List.of("a"), List.of());
        assertThrows(SecAggException.class, () -> guard.authorize(7, List.of("x"), List.of("a")));
        assertEquals(Optional.empty(), guard.revealed(7, "x"), "x was not revealed since the request was refused as a whole");
        guard.authorize(7, List.of(), List.of("x"));
    }

    @Test
    void roundsAreIndependentAndOldOnesCanBeForgotten() throws Exception {
        guard.authorize(7, List.of("a"), List.of());
        guard.authorize(8, List.of(), List.of("a"));
        guard.forgetRoundsBefore(8);
        assertEquals(Optional.empty(), guard.revealed(7, "a"));
        assertEquals(Optional.of(Kind.MASK_KEY), guard.revealed(8, "a"));
    }
}
