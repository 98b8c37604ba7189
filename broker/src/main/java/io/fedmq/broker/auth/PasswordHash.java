package io.fedmq.broker.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A stored password: PBKDF2-HMAC-SHA256 with a random 16-byte salt of its own, written as
 * {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} (Base64). Checking compares in constant time.
 *
 * <p>{@value #DEFAULT_ITERATIONS} iterations is OWASP's 2023 figure for PBKDF2-HMAC-SHA256 (its 210,000 is for
 * HMAC-SHA512). The passwords fedmq mints are 192 random bits, beyond any guessing with or without stretching; the
 * stretching is for a store that leaks with a weaker, hand-set password in it. The count is stored with each entry,
 * so raising it later needs no migration. Its price is paid once per identity and broker start: a broker keeps
 * the outcome of a successful check in memory ({@code StoreAuthenticator}).
 */
public final class PasswordHash {
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Below this a stored hash is refused as too weak: OWASP's lowest figure for any PBKDF2 variant. */
    public static final int MIN_ITERATIONS = 210_000;
    /** Bytes of a minted password: 192 bits, comfortably above the 128 that ETSI EN 303 645 asks of a secret. */
    public static final int PASSWORD_BYTES = 24;

    private static final String PREFIX = "pbkdf2-sha256";
    private static final String JCA_NAME = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** A fresh password: {@value #PASSWORD_BYTES} random bytes as URL-safe Base64 text (32 characters, no padding). */
    public static byte[] newPassword(SecureRandom random) {
        byte[] raw = new byte[PASSWORD_BYTES];
        random.nextBytes(raw);
        byte[] text = Base64.getUrlEncoder().withoutPadding().encode(raw);
        Arrays.fill(raw, (byte) 0);
        return text;
    }

    /** Hashes {@code password} with a new salt and {@link #DEFAULT_ITERATIONS}. */
    public static PasswordHash of(byte[] password, SecureRandom random) { return of(password, DEFAULT_ITERATIONS, random); }

    public static PasswordHash of(byte[] password, int iterations, SecureRandom random) {
        if (iterations < MIN_ITERATIONS) throw new IllegalArgumentException("at least " + MIN_ITERATIONS + " iterations, got " + iterations);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        if (hash == null) throw new IllegalArgumentException("a password must be non-empty UTF-8");
        return new PasswordHash(iterations, salt, hash);
    }

    /** Whether {@code password} is the one hashed here. Takes the same time for every wrong password of a length. */
    public boolean matches(byte[] password) {
        byte[] candidate = derive(password, salt, iterations);
        if (candidate == null) candidate = new byte[HASH_BYTES]; // not UTF-8 or empty: cannot match, compare anyway
        boolean same = MessageDigest.isEqual(candidate, hash);
        Arrays.fill(candidate, (byte) 0);
        return same;
    }

    public int iterations() { return iterations; }

    /** The stored form, {@code pbkdf2-sha256:ITERATIONS:SALT:HASH}. */
    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
    }

    /** Reads the stored form; throws {@link IllegalArgumentException} saying what is wrong with it. */
    public static PasswordHash parse(String text) {
        String[] p = text.split(":", -1);
        if (p.length != 4 || !p[0].equals(PREFIX)) {
            throw new IllegalArgumentException("a password hash looks like " + PREFIX + ":ITERATIONS:SALT:HASH");
        }
        int iterations;
        byte[] salt, hash;
        try {
            iterations = Integer.parseInt(p[1]);
            salt = Base64.getDecoder().decode(p[2]);
            hash = Base64.getDecoder().decode(p[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a password hash has a bad number or Base64 in it: " + e.getMessage());
        }
        if (iterations < MIN_ITERATIONS) throw new IllegalArgumentException("a password hash with " + iterations + " iterations is too weak (at least " + MIN_ITERATIONS + ")");
        if (salt.length < SALT_BYTES || hash.length != HASH_BYTES) throw new IllegalArgumentException("a password hash needs a salt of at least 16 bytes and a 32-byte hash");
        return new PasswordHash(iterations, salt, hash);
    }

    /** PBKDF2 over the password as UTF-8 text (what {@link PBEKeySpec} takes); null for empty or non-UTF-8 input. */
    private static byte[] derive(byte[] password, byte[] salt, int iterations) {
        if (password == null || password.length == 0) return null;
        char[] chars;
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(password));
            chars = new char[cb.remaining()];
            cb.get(chars);
            if (cb.hasArray()) Arrays.fill(cb.array(), '\0');
        } catch (CharacterCodingException e) {
            return null;
        }
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance(JCA_NAME).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(JCA_NAME + " is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    /** Equal when the stored forms are: same iterations, salt and hash. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash h && iterations == h.iterations && Arrays.equals(salt, h.salt) && Arrays.equals(hash, h.hash);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(hash); }

    /** Shows the parameters, not the hash: a hash is an offline-guessing target. */
    @Override
    public String toString() { return PREFIX + " with " + iterations + " iterations"; }
}
