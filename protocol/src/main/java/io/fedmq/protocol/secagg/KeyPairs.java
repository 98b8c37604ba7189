package io.fedmq.protocol.secagg;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) key pairs, in the raw 32-byte forms that travel in fedmq messages and in Shamir shares.
 * Each node makes two pairs per round: one whose agreements key the encrypted shares, one whose agreements
 * seed the pairwise masks. Keeping them apart is what lets a dropped node's mask key be revealed without
 * opening the shares it exchanged.
 */
public final class KeyPairs {
    /** The size of a raw public key, private key and agreed secret. */
    public static final int LENGTH = 32;

    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final byte[] BASE_POINT = basePoint();

    private KeyPairs() {}

    /** A fresh key pair whose private scalar comes from {@code random}. */
    public static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
            g.initialize(NamedParameterSpec.X25519, random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is part of every Java 17 runtime", e);
        }
    }

    /** The raw public key: the u-coordinate, 32 bytes little-endian (RFC 7748, section 5). */
    public static byte[] publicBytes(PublicKey key) {
        if (!(key instanceof XECPublicKey xec) || !isX25519(xec.getParams())) {
            throw new IllegalArgumentException("not an X25519 public key: " + key);
        }
        byte[] be = xec.getU().toByteArray(); // big-endian, maybe with a leading sign byte, maybe shorter
        byte[] raw = new byte[LENGTH];
        for (int i = 0; i < LENGTH && i < be.length; i++) raw[i] = be[be.length - 1 - i];
        return raw;
    }

    /**
     * Parses a raw public key. Only the canonical encoding is accepted (top bit clear, u below 2^255 - 19),
     * so that one key has exactly one byte form and hashes of advertised keys cannot be ground.
     */
    public static PublicKey publicKey(byte[] raw) throws SecAggException {
        if (raw == null || raw.length != LENGTH) {
            throw new SecAggException("an X25519 public key is 32 bytes, got " + (raw == null ? "none" : raw.length));
        }
        byte[] be = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) be[i] = raw[LENGTH - 1 - i];
        BigInteger u = new BigInteger(1, be);
        if (u.compareTo(P) >= 0) throw new SecAggException("X25519 public key is not canonically encoded");
        try {
            return KeyFactory.getInstance("X25519").generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
        } catch (GeneralSecurityException e) {
            throw new SecAggException("invalid X25519 public key", e);
        }
    }

    /** The raw 32-byte private scalar, as the JDK holds it (clamping happens when it is used). */
    public static byte[] privateBytes(PrivateKey key) {
        if (!(key instanceof XECPrivateKey xec) || !isX25519(xec.getParams())) {
            throw new IllegalArgumentException("not an X25519 private key");
        }
        return xec.getScalar().orElseThrow(() -> new IllegalArgumentException("private key does not expose its scalar"));
    }

    /** Parses a raw 32-byte private scalar, for example one reconstructed from Shamir shares. */
    public static PrivateKey privateKey(byte[] raw) throws SecAggException {
        if (raw == null || raw.length != LENGTH) {
            throw new SecAggException("an X25519 private key is 32 bytes, got " + (raw == null ? "none" : raw.length));
        }
        try {
            return KeyFactory.getInstance("X25519").generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, raw.clone()));
        } catch (GeneralSecurityException e) {
            throw new SecAggException("invalid X25519 private key", e);
        }
    }

    /**
     * The 32-byte X25519 shared secret. Refuses a peer key of small order (the JDK rejects an all-zero
     * result), which would otherwise let a peer force a known secret.
     */
    public static byte[] agree(PrivateKey mine, PublicKey theirs) throws SecAggException {
        try {
            KeyAgreement ka = KeyAgreement.getInstance("X25519");
            ka.init(mine);
            ka.doPhase(theirs, true);
            return ka.generateSecret();
        } catch (InvalidKeyException | IllegalStateException e) {
            throw new SecAggException("X25519 agreement failed: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is part of every Java 17 runtime", e);
        }
    }

    /**
     * The public key that belongs to {@code key}: X25519(k, 9). The orchestrator uses it to check that a
     * mask key rebuilt from shares is the one the node advertised, so a bad share fails loudly.
     */
    public static byte[] derivePublic(PrivateKey key) throws SecAggException {
        return agree(key, publicKey(BASE_POINT));
    }

    private static boolean isX25519(java.security.spec.AlgorithmParameterSpec params) {
        return params instanceof NamedParameterSpec n && n.getName().equalsIgnoreCase("X25519");
    }

    private static byte[] basePoint() {
        byte[] b = new byte[LENGTH];
        b[0] = 9;
        return b;
    }
}
