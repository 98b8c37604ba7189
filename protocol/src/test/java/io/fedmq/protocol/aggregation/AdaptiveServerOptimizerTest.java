package io.fedmq.protocol.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.WireFormatException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FedAdam and FedYogi. The hand-computed steps use eta 0.1, beta1 0.5, beta2 0.75 and tau 0.5 so the arithmetic
 * can be followed on paper: v starts at tau^2 = 0.25.
 */
class AdaptiveServerOptimizerTest {
    private static final FedAdam ADAM = new FedAdam(0.1, 0.5, 0.75, 0.5);
    private static final FedYogi YOGI = new FedYogi(0.1, 0.5, 0.75, 0.5);
    private static final float[] GLOBAL = {1f, -1f, 0f};

    private static AdaptiveServerOptimizer named(String name) {
        return name.equals("fedadam") ? ADAM : YOGI;
    }

    @Test
    void fedAdamFirstStepFromTheEmptyState() {
        Strategy.Step s = ADAM.apply(GLOBAL, new float[] {2f, -2f, 0f}, ServerState.EMPTY);
        // m = 0.5*0 + 0.5*d = (1, -1, 0); v = 0.75*0.25 + 0.25*d^2 = (1.1875, 1.1875, 0.1875)
        assertArrayEquals(new float[] {1f, -1f, 0f}, s.state().first());
        assertArrayEquals(new float[] {1.1875f, 1.1875f, 0.1875f}, s.state().second());
        double step = 0.1 * 1 / (Math.sqrt(1.1875) + 0.5); // 0.0628...
        assertArrayEquals(new float[] {(float) (1 + step), (float) (-1 - step), 0f}, s.parameters(), 1e-7f);
        assertEquals(1, s.state().steps());
    }

    @Test
    void fedAdamSecondStepContinuesFromTheStoredMoments() {
        ServerState first = ADAM.apply(GLOBAL, new float[] {2f, -2f, 0f}, ServerState.EMPTY).state();
        Strategy.Step s = ADAM.apply(GLOBAL, new float[] {1f, 1f, 1f}, first);
        // m = 0.5*(1, -1, 0) + 0.5*1 = (1, 0, 0.5); v = 0.75*(1.1875, 1.1875, 0.1875) + 0.25*1 = (1.140625, 1.140625, 0.390625)
        assertArrayEquals(new float[] {1f, 0f, 0.5f}, s.state().first());
        assertArrayEquals(new float[] {1.140625f, 1.140625f, 0.390625f}, s.state().second());
        float[] expected = {(float) (1 + 0.1 / (Math.sqrt(1.140625) + 0.5)), -1f, (float) (0.1 * 0.5 / (0.625 + 0.5))};
        assertArrayEquals(expected, s.parameters(), 1e-7f);
        assertEquals(2, s.state().steps());
    }

    @Test
    void fedYogiFirstStepFromTheEmptyState() {
        Strategy.Step s = YOGI.apply(GLOBAL, new float[] {2f, -2f, 0f}, ServerState.EMPTY);
        // v = 0.25 - 0.25*d^2*sign(0.25 - d^2): grows by 0.25*4 where d^2 = 4 > v, unchanged where d = 0
        assertArrayEquals(new float[] {1f, -1f, 0f}, s.state().first());
        assertArrayEquals(new float[] {1.25f, 1.25f, 0.25f}, s.state().second());
        double step = 0.1 * 1 / (Math.sqrt(1.25) + 0.5);
        assertArrayEquals(new float[] {(float) (1 + step), (float) (-1 - step), 0f}, s.parameters(), 1e-7f);
    }

    @Test
    void yogiForgetsALargeSecondMomentByAFixedAmountWhereAdamForgetsAFraction() {
        ServerState large = new ServerState(3, new float[] {0f}, new float[] {100f});
        // Adam: 0.75*100 + 0.25*1 = 75.25, a quarter of the gap gone. Yogi: 100 - 0.25*1 = 99.75, only (1-beta2)*d^2.
        assertEquals(75.25f, ADAM.apply(new float[] {0f}, new float[] {1f}, large).state().second()[0]);
        assertEquals(99.75f, YOGI.apply(new float[] {0f}, new float[] {1f}, large).state().second()[0]);
        // Growing towards a larger d^2 = 9 from v = 1: Adam adds 0.25*(9 - 1) = 2, Yogi 0.25*9 = 2.25.
        ServerState small = new ServerState(3, new float[] {0f}, new float[] {1f});
        assertEquals(3f, ADAM.apply(new float[] {0f}, new float[] {3f}, small).state().second()[0]);
        assertEquals(3.25f, YOGI.apply(new float[] {0f}, new float[] {3f}, small).state().second()[0]);
    }

    @Test
    void afterOneLargeDeltaYogiKeepsDampingWhileAdamSpeedsUp() {
        ServerState adam = ADAM.apply(new float[] {0f}, new float[] {10f}, ServerState.EMPTY).state();
        ServerState yogi = YOGI.apply(new float[] {0f}, new float[] {10f}, ServerState.EMPTY).state();
        for (int round = 0; round < 5; round++) {
            adam = ADAM.apply(new float[] {0f}, new float[] {0.1f}, adam).state();
            yogi = YOGI.apply(new float[] {0f}, new float[] {0.1f}, yogi).state();
        }
        assertTrue(yogi.second()[0] > 3 * adam.second()[0], "yogi v " + yogi.second()[0] + ", adam v " + adam.second()[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fedadam", "fedyogi"})
    void aRestoredStateContinuesExactlyLikeAnUninterruptedRun(String name) throws Exception {
        AdaptiveServerOptimizer strategy = named(name);
        Random rnd = new Random(5);
        float[][] deltas = new float[6][50];
        for (float[] d : deltas) for (int i = 0; i < d.length; i++) d[i] = (float) (rnd.nextGaussian() * 0.01);
        float[] start = new float[50];
        for (int i = 0; i < start.length; i++) start[i] = (float) rnd.nextGaussian();

        Strategy.Step straight = new Strategy.Step(start, ServerState.EMPTY);
        for (float[] d : deltas) straight = strategy.apply(straight.parameters(), d, straight.state());

        Strategy.Step resumed = new Strategy.Step(start, ServerState.EMPTY);
        for (int r = 0; r < 3; r++) resumed = strategy.apply(resumed.parameters(), deltas[r], resumed.state());
        byte[] stored = resumed.state().encode(); // what the orchestrator keeps next to the model version
        resumed = new Strategy.Step(resumed.parameters(), ServerState.decode(stored));
        for (int r = 3; r < deltas.length; r++) resumed = strategy.apply(resumed.parameters(), deltas[r], resumed.state());

        assertArrayEquals(straight.parameters(), resumed.parameters()); // bit for bit
        assertEquals(straight.state(), resumed.state());
        assertEquals(6, resumed.state().steps());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fedadam", "fedyogi"})
    void theStateRoundTripsThroughItsBytes(String name) throws Exception {
        ServerState s = named(name).apply(GLOBAL, new float[] {0.5f, -0.25f, 1e-30f}, ServerState.EMPTY).state();
        ServerState back = ServerState.decode(s.encode());
        assertEquals(s, back);
        assertArrayEquals(s.first(), back.first());
        assertArrayEquals(s.second(), back.second());
        assertEquals(s.steps(), back.steps());
    }

    @Test
    void garbageStateBytesAreAWireFormatException() {
        byte[] good = ADAM.apply(GLOBAL, new float[] {1f, 2f, 3f}, ServerState.EMPTY).state().encode();
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThrows(WireFormatException.class, () -> ServerState.decode(cut), "cut to " + len);
        }
        assertThrows(WireFormatException.class, () -> ServerState.decode(new byte[] {(byte) 0xc1}));
        assertThrows(WireFormatException.class, () -> ServerState.decode("not a state".getBytes()));
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(WireFormatException.class, () -> ServerState.decode(longer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fedadam", "fedyogi"})
    void refusesNonFiniteInputsAndMismatchedLengths(String name) {
        AdaptiveServerOptimizer s = named(name);
        float[] ok = {0f, 0f, 0f};
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> s.apply(new float[] {0f, bad, 0f}, ok, ServerState.EMPTY));
            assertThrows(IllegalArgumentException.class, () -> s.apply(ok, new float[] {0f, 0f, bad}, ServerState.EMPTY));
            ServerState badFirst = new ServerState(1, new float[] {bad, 0f, 0f}, new float[3]);
            ServerState badSecond = new ServerState(1, new float[3], new float[] {0f, bad, 0f});
            assertThrows(IllegalArgumentException.class, () -> s.apply(ok, ok, badFirst));
            assertThrows(IllegalArgumentException.class, () -> s.apply(ok, ok, badSecond));
        }
        assertThrows(IllegalArgumentException.class, () -> s.apply(ok, new float[2], ServerState.EMPTY));
        ServerState otherModel = new ServerState(1, new float[4], new float[4]);
        assertThrows(IllegalArgumentException.class, () -> s.apply(ok, ok, otherModel));
        ServerState negative = new ServerState(1, new float[3], new float[] {0f, -1f, 0f});
        assertThrows(IllegalArgumentException.class, () -> s.apply(ok, ok, negative));
    }

    @Test
    void refusesSettingsOutsideTheirRange() {
        for (Supplier<Object> bad : java.util.List.<Supplier<Object>>of(
                () -> new FedAdam(0), () -> new FedAdam(-0.01), () -> new FedAdam(Double.NaN), () -> new FedYogi(Double.POSITIVE_INFINITY),
                () -> new FedAdam(0.01, 1, 0.99, 1e-3), () -> new FedAdam(0.01, -0.1, 0.99, 1e-3),
                () -> new FedYogi(0.01, 0.9, 1, 1e-3), () -> new FedYogi(0.01, 0.9, Double.NaN, 1e-3),
                () -> new FedAdam(0.01, 0.9, 0.99, 0), () -> new FedYogi(0.01, 0.9, 0.99, -1e-3))) {
            assertThrows(IllegalArgumentException.class, bad::get);
        }
        FedAdam defaults = new FedAdam(0.01);
        assertEquals(0.9, defaults.beta1());
        assertEquals(0.99, defaults.beta2());
        assertEquals(1e-3, defaults.tau());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fedadam", "fedyogi"})
    void isPureNeitherTouchingItsInputsNorRememberingThem(String name) {
        AdaptiveServerOptimizer s = named(name);
        float[] global = GLOBAL.clone(), delta = {0.3f, -0.2f, 0.1f};
        ServerState state = new ServerState(2, new float[] {0.1f, 0.1f, 0.1f}, new float[] {0.5f, 0.5f, 0.5f});
        Strategy.Step once = s.apply(global, delta, state);
        s.apply(global, new float[] {5f, 5f, 5f}, ServerState.EMPTY); // an unrelated call in between
        Strategy.Step again = s.apply(global, delta, state);
        assertArrayEquals(GLOBAL, global);
        assertArrayEquals(new float[] {0.3f, -0.2f, 0.1f}, delta);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, state.second());
        assertArrayEquals(once.parameters(), again.parameters());
        assertEquals(once.state(), again.state());
    }

    @Test
    void proposesNoProximalTerm() {
        assertEquals(0, ADAM.proximalMu());
        assertEquals(0, YOGI.proximalMu());
    }
}
