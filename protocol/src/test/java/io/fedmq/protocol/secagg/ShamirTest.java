package io.fedmq.protocol.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ShamirTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void everyThresholdSizedSubsetRebuildsTheSecret() throws Exception {
        byte[] secret = randomSecret();
        List<Integer> xs = List.of(3, 9, 1, 12, 4, 7, 30);
        Map<Integer, byte[]> shares = Shamir.split(secret, 4, xs, random);
        assertEquals(xs.size(), shares.size());
        shares.values().forEach(s -> assertEquals(Shamir.SHARE_LENGTH, s.length));
        int subsets = 0;
        for (int mask = 0; mask < 1 << xs.size(); mask++) {
            if (Integer.bitCount(mask) != 4) continue;
            Map<Integer, byte[]> some = new HashMap<>();
            for (int i = 0; i < xs.size(); i++) if ((mask >> i & 1) == 1) some.put(xs.get(i), shares.get(xs.get(i)));
            assertArrayEquals(secret, Shamir.combine(some, 4));
            subsets++;
        }
        assertEquals(35, subsets);
    }

    @Test
    void fewerThanThresholdSharesAreRefused() {
        Map<Integer, byte[]> shares = Shamir.split(randomSecret(), 3, List.of(1, 2, 3), random);
        Map<Integer, byte[]> two = new HashMap<>(shares);
        two.remove(2);
        SecAggException e = assertThrows(SecAggException.class, () -> Shamir.combine(two, 3));
        assertTrue(e.getMessage().contains("need 3 shares"), e.getMessage());
    }

    @Test
    void usesExactlyThresholdSharesSoAnExtraBadOneIsIgnored() throws Exception {
        byte[] secret = randomSecret();
        Map<Integer, byte[]> shares = new HashMap<>(Shamir.split(secret, 3, List.of(1, 2, 3, 4), random));
        shares.put(4, Shamir.encode(BigInteger.valueOf(12345))); // the one with the largest x is not used
        assertArrayEquals(secret, Shamir.combine(shares, 3));
    }

    /**
     * Perfect secrecy, constructively: for any t - 1 shares and ANY candidate secret there is exactly one
     * t-th share that completes them to that secret. So t - 1 shares are equally consistent with every
     * secret, and the t - 1 shares of two different secrets are identically distributed.
     */
    @Test
    void thresholdMinusOneSharesFitEverySecret() throws Exception {
        byte[] secret = randomSecret();
        byte[] other = randomSecret();
        int t = 4;
        Map<Integer, byte[]> shares = Shamir.split(secret, t, List.of(1, 2, 3, 4, 5), random);
        TreeMap<BigInteger, BigInteger> known = new TreeMap<>();
        for (int x = 1; x < t; x++) known.put(BigInteger.valueOf(x), Shamir.decode(x, shares.get(x)));
        known.put(BigInteger.ZERO, new BigInteger(1, other));
        byte[] forged = Shamir.encode(Shamir.interpolate(known, BigInteger.valueOf(5)));

        Map<Integer, byte[]> mixed = new HashMap<>();
        for (int x = 1; x < t; x++) mixed.put(x, shares.get(x));
        mixed.put(5, forged);
        byte[] rebuilt = Shamir.combine(mixed, t);
        assertArrayEquals(other, rebuilt, "the same t - 1 shares, completed differently, give a different secret");
        assertFalse(Arrays.equals(secret, rebuilt));
        // ... and completed honestly they give the real one.
        mixed.put(5, shares.get(5));
        assertArrayEquals(secret, Shamir.combine(mixed, t));
    }

    @Test
    void aShareReplacedByARandomValueIsDetectedNotSilentlyUsed() {
        for (int trial = 0; trial < 20; trial++) {
            Map<Integer, byte[]> shares = new HashMap<>(Shamir.split(randomSecret(), 3, List.of(1, 2, 3), random));
            shares.put(2, Shamir.encode(new BigInteger(520, random)));
            SecAggException e = assertThrows(SecAggException.class, () -> Shamir.combine(shares, 3));
            assertTrue(e.getMessage().contains("inconsistent"), e.getMessage());
        }
    }

    /** Why rebuilt secrets are checked against a commitment or public key: a flipped bit can slip through. */
    @Test
    void aFlippedBitShiftsTheSecretBySoLittleThatOnlyACommitmentCatchesIt() throws Exception {
        byte[] secret = new byte[32]; // small, so the shift of 3 * 2^200 cannot carry it past 2^256
        secret[0] = 0x10;
        Map<Integer, byte[]> shares = new HashMap<>(Shamir.split(secret, 3, List.of(1, 2, 3), random));
        byte[] bad = shares.get(2).clone();
        bad[40] ^= 1; // + or - 2^200 on share 2, whose Lagrange weight at 0 is -3
        shares.put(2, bad);
        byte[] rebuilt = Shamir.combine(shares, 3);
        assertFalse(Arrays.equals(secret, rebuilt));
        BigInteger shift = new BigInteger(1, rebuilt).subtract(new BigInteger(1, secret)).abs();
        assertEquals(BigInteger.valueOf(3).shiftLeft(200), shift);
    }

    @Test
    void randomThresholdsAndHolderCountsAlwaysRebuildAndNeverWithOneShareLess() throws Exception {
        SplittableRandom rnd = new SplittableRandom(20240607);
        for (int trial = 0; trial < 150; trial++) {
            int n = 1 + rnd.nextInt(40);
            int t = 1 + rnd.nextInt(n);
            List<Integer> xs = new ArrayList<>();
            for (int x = 1; xs.size() < n; x++) if (rnd.nextInt(3) == 0) xs.add(x); // sparse, like neighbour indices
            byte[] secret = randomSecret();
            Map<Integer, byte[]> shares = Shamir.split(secret, t, xs, random);
            List<Integer> order = new ArrayList<>(xs);
            Collections.shuffle(order, new java.util.Random(rnd.nextLong()));
            Map<Integer, byte[]> some = new HashMap<>();
            for (int i = 0; i < t; i++) some.put(order.get(i), shares.get(order.get(i)));
            assertArrayEquals(secret, Shamir.combine(some, t), "n=" + n + " t=" + t);
            some.remove(order.get(0));
            assertThrows(SecAggException.class, () -> Shamir.combine(some, t));
        }
    }

    @Test
    void secretsAtTheEdgesOfTheRangeSurvive() throws Exception {
        byte[] zero = new byte[32];
        byte[] max = new byte[32];
        Arrays.fill(max, (byte) 0xff);
        byte[] leadingZeros = new byte[32];
        leadingZeros[31] = 1;
        for (byte[] s : List.of(zero, max, leadingZeros)) {
            assertArrayEquals(s, Shamir.combine(Shamir.split(s, 2, List.of(1, 2, 3), random), 2));
            assertArrayEquals(s, Shamir.combine(Shamir.split(s, 1, List.of(5), random), 1));
        }
    }

    @Test
    void refusesMalformedSharesAndArguments() {
        Map<Integer, byte[]> shares = new HashMap<>(Shamir.split(randomSecret(), 2, List.of(1, 2), random));
        Map<Integer, byte[]> shortShare = new HashMap<>(shares);
        shortShare.put(1, new byte[65]);
        assertThrows(SecAggException.class, () -> Shamir.combine(shortShare, 2));
        Map<Integer, byte[]> notAnElement = new HashMap<>(shares);
        notAnElement.put(1, Shamir.encode(Shamir.PRIME)); // p itself: 66 bytes, but not in the field
        assertThrows(SecAggException.class, () -> Shamir.combine(notAnElement, 2));
        Map<Integer, byte[]> zeroX = new HashMap<>(shares);
        zeroX.put(0, zeroX.remove(1));
        assertThrows(SecAggException.class, () -> Shamir.combine(zeroX, 2));
        assertThrows(IllegalArgumentException.class, () -> Shamir.split(new byte[31], 1, List.of(1), random));
        assertThrows(IllegalArgumentException.class, () -> Shamir.split(new byte[32], 3, List.of(1, 2), random));
        assertThrows(IllegalArgumentException.class, () -> Shamir.split(new byte[32], 1, List.of(1, 1), random));
        assertThrows(IllegalArgumentException.class, () -> Shamir.split(new byte[32], 1, List.of(0, 1), random));
    }

    private byte[] randomSecret() {
        byte[] s = new byte[32];
        random.nextBytes(s);
        return s;
    }
}
