package io.fedmq.protocol.secagg;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Shamir secret sharing of 32-byte secrets (self-mask seeds and X25519 mask keys) over the prime field
 * GF(p), p = 2^521 - 1.
 *
 * <p>Why that prime: the field must be larger than every secret, and the secrets are arbitrary 32-byte
 * values (an X25519 scalar may be any 256 bits), so 2^255 - 19 is too small. The Mersenne prime
 * 2^521 - 1 is the smallest famous prime above 2^256: nobody has to trust a hand-picked constant, and the
 * 66-byte shares it costs are negligible next to a masked model update. A random polynomial of degree
 * t - 1 with the secret as constant term makes any t - 1 shares uniformly distributed whatever the secret.
 *
 * <p>Shares travel as fixed 66-byte big-endian field elements. The x-coordinate of a share is the
 * recipient's 1-based node index and travels beside it.
 *
 * <p>Integrity: a share replaced by a random value rebuilds a field element above 2^256 with probability
 * 1 - 2^-265, and {@link #combine} refuses it. A small change (one flipped bit) shifts the secret by a small
 * amount and can pass, and a malicious holder can shift it by any amount it likes, so callers check what
 * they rebuild: a self-mask seed against its commitment, a mask key against its advertised public key.
 */
public final class Shamir {
    /** The field modulus, 2^521 - 1. */
    public static final BigInteger PRIME = BigInteger.ONE.shiftLeft(521).subtract(BigInteger.ONE);
    /** The length of a secret. */
    public static final int SECRET_LENGTH = 32;
    /** The length of an encoded share: ceil(521 / 8). */
    public static final int SHARE_LENGTH = 66;

    private static final BigInteger SECRET_BOUND = BigInteger.ONE.shiftLeft(8 * SECRET_LENGTH);

    private Shamir() {}

    /**
     * Splits {@code secret32} so that any {@code threshold} of the returned shares rebuild it.
     *
     * @param xs the x-coordinates, one per share holder: distinct and positive (1-based node indices)
     * @return share by x-coordinate, in the order of {@code xs}
     */
    public static Map<Integer, byte[]> split(byte[] secret32, int threshold, List<Integer> xs, SecureRandom random) {
        Bytes.requireLength(secret32, SECRET_LENGTH, "secret");
        if (threshold < 1 || threshold > xs.size()) {
            throw new IllegalArgumentException("threshold must be in [1, " + xs.size() + "], got " + threshold);
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer x : xs) {
            if (x == null || x <= 0) throw new IllegalArgumentException("x-coordinates must be positive, got " + x);
            if (!seen.add(x)) throw new IllegalArgumentException("duplicate x-coordinate " + x);
        }
        BigInteger[] coefficients = new BigInteger[threshold];
        coefficients[0] = new BigInteger(1, secret32);
        for (int i = 1; i < threshold; i++) coefficients[i] = randomElement(random);
        Map<Integer, byte[]> shares = new LinkedHashMap<>();
        for (int x : xs) {
            BigInteger bx = BigInteger.valueOf(x);
            BigInteger y = BigInteger.ZERO;
            for (int i = threshold - 1; i >= 0; i--) y = y.multiply(bx).add(coefficients[i]).mod(PRIME);
            shares.put(x, encode(y));
        }
        return Collections.unmodifiableMap(shares);
    }

    /**
     * Rebuilds the secret from exactly {@code threshold} shares (those with the smallest x when more are
     * given), by Lagrange interpolation at 0.
     *
     * @throws SecAggException fewer than {@code threshold} shares, a malformed share, or shares that do not
     *                         rebuild a 32-byte value (corrupted or mixed up)
     */
    public static byte[] combine(Map<Integer, byte[]> shares, int threshold) throws SecAggException {
        if (threshold < 1) throw new IllegalArgumentException("threshold must be >= 1, got " + threshold);
        if (shares == null || shares.size() < threshold) {
            throw new SecAggException("need " + threshold + " shares to rebuild a secret, got " + (shares == null ? 0 : shares.size()));
        }
        int[] xs = new int[threshold];
        BigInteger[] ys = new BigInteger[threshold];
        int n = 0;
        for (Map.Entry<Integer, byte[]> e : new TreeMap<>(shares).entrySet()) {
            if (n == threshold) break;
            xs[n] = checkX(e.getKey());
            ys[n++] = decode(e.getKey(), e.getValue());
        }
        BigInteger secret = atZero(xs, ys);
        if (secret.compareTo(SECRET_BOUND) >= 0) {
            throw new SecAggException("shares at x = " + Arrays.toString(xs) + " are inconsistent: they do not rebuild a 32-byte secret");
        }
        byte[] be = secret.toByteArray();
        byte[] out = new byte[SECRET_LENGTH];
        int len = Math.min(be.length, SECRET_LENGTH);
        System.arraycopy(be, be.length - len, out, SECRET_LENGTH - len, len);
        return out;
    }

    /**
     * Lagrange interpolation at 0: {@code sum_j y_j * N / D_j} with {@code N = prod x_m} and
     * {@code D_j = x_j * prod_(m != j) (x_m - x_j)}. The x are small integers, so N and D_j are computed exactly
     * and all D_j are inverted with one modular inversion (Montgomery's trick): the orchestrator rebuilds one
     * secret per node per round, and t inversions of 521-bit numbers each would dominate.
     */
    private static BigInteger atZero(int[] xs, BigInteger[] ys) {
        int t = xs.length;
        BigInteger numerator = BigInteger.ONE;
        BigInteger[] den = new BigInteger[t];
        for (int j = 0; j < t; j++) {
            numerator = numerator.multiply(BigInteger.valueOf(xs[j]));
            BigInteger d = BigInteger.valueOf(xs[j]);
            for (int m = 0; m < t; m++) if (m != j) d = d.multiply(BigInteger.valueOf((long) xs[m] - xs[j]));
            den[j] = d.mod(PRIME);
        }
        BigInteger[] prefix = new BigInteger[t];
        for (int j = 0; j < t; j++) prefix[j] = j == 0 ? den[0] : prefix[j - 1].multiply(den[j]).mod(PRIME);
        BigInteger inverse = prefix[t - 1].modInverse(PRIME); // D_j are non-zero mod p: distinct x below p
        BigInteger sum = BigInteger.ZERO;
        for (int j = t - 1; j >= 0; j--) {
            BigInteger invDj = j == 0 ? inverse : inverse.multiply(prefix[j - 1]).mod(PRIME);
            inverse = inverse.multiply(den[j]).mod(PRIME);
            sum = sum.add(ys[j].multiply(invDj));
        }
        return sum.mod(PRIME).multiply(numerator.mod(PRIME)).mod(PRIME);
    }

    /**
     * The value at {@code x} of the unique polynomial of degree below {@code points.size()} through the
     * given points. Package-private: tests use it to show that t - 1 shares fit every secret.
     */
    static BigInteger interpolate(Map<BigInteger, BigInteger> points, BigInteger x) {
        BigInteger result = BigInteger.ZERO;
        for (Map.Entry<BigInteger, BigInteger> j : points.entrySet()) {
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            for (BigInteger m : points.keySet()) {
                if (m.equals(j.getKey())) continue;
                num = num.multiply(x.subtract(m)).mod(PRIME);
                den = den.multiply(j.getKey().subtract(m)).mod(PRIME);
            }
            result = result.add(j.getValue().multiply(num).mod(PRIME).multiply(den.modInverse(PRIME))).mod(PRIME);
        }
        return result;
    }

    static byte[] encode(BigInteger y) {
        byte[] be = y.toByteArray();
        byte[] out = new byte[SHARE_LENGTH];
        int n = Math.min(be.length, SHARE_LENGTH); // toByteArray may add one leading zero sign byte
        System.arraycopy(be, be.length - n, out, SHARE_LENGTH - n, n);
        return out;
    }

    static BigInteger decode(int x, byte[] share) throws SecAggException {
        if (share == null || share.length != SHARE_LENGTH) {
            throw new SecAggException("share at x = " + x + " must be " + SHARE_LENGTH + " bytes, got " + (share == null ? "none" : share.length));
        }
        BigInteger y = new BigInteger(1, share);
        if (y.compareTo(PRIME) >= 0) throw new SecAggException("share at x = " + x + " is not a field element");
        return y;
    }

    private static int checkX(Integer x) throws SecAggException {
        if (x == null || x <= 0) throw new SecAggException("share x-coordinate must be positive, got " + x);
        return x;
    }

    private static BigInteger randomElement(SecureRandom random) {
        while (true) { // rejection keeps it uniform; the only rejected value is p itself
            BigInteger r = new BigInteger(521, random);
            if (r.compareTo(PRIME) < 0) return r;
        }
    }
}
