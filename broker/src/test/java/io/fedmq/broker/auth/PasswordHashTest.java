package io.fedmq.broker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static byte[] password;
    private static PasswordHash hash;
    private static long hashMillis;

    /** One real hash for the class: each costs a good fraction of a second, which is the point. */
    @BeforeAll
    static void hashOnce() {
        password = PasswordHash.newPassword(RANDOM);
        long t0 = System.nanoTime();
        hash = PasswordHash.of(password, RANDOM);
        hashMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void mintsUrlSafePasswordsOf192RandomBits() {
        byte[] a = PasswordHash.newPassword(RANDOM);
        byte[] b = PasswordHash.newPassword(RANDOM);
        assertEquals(32, a.length, "24 bytes as Base64 without padding");
        assertTrue(new String(a, StandardCharsets.US_ASCII).matches("[A-Za-z0-9_-]{32}"));
        assertNotEquals(new String(a, StandardCharsets.US_ASCII), new String(b, StandardCharsets.US_ASCII));
    }

    @Test
    void matchesTheHashedPasswordAndNothingElse() {
        long t0 = System.nanoTime();
        assertTrue(hash.matches(password));
        long checkMillis = (System.nanoTime() - t0) / 1_000_000;
        // The connect cost of a first login; printed for BENCHMARKS-style notes, not asserted (machines differ).
        System.out.printf("PBKDF2-HMAC-SHA256 x%d: hash %d ms, check %d ms%n", hash.iterations(), hashMillis, checkMillis);
        byte[] wrong = password.clone();
        wrong[0] ^= 1;
        assertFalse(hash.matches(wrong));
        assertFalse(hash.matches(new byte[0]));
        assertFalse(hash.matches(null));
        assertFalse(hash.matches(new byte[] {(byte) 0xC3}), "not UTF-8");
    }

    @Test
    void storesOwaspsIterationsAndAFreshSaltEachTime() {
        assertEquals(600_000, hash.iterations());
        String[] parts = hash.encode().split(":");
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("600000", parts[1]);
        assertEquals(hash, PasswordHash.parse(hash.encode()));
        assertTrue(PasswordHash.parse(hash.encode()).matches(password));
        assertFalse(hash.toString().contains(parts[3]), "toString never shows the hash");
    }

    @Test
    void aTamperedHashMatchesNothing() {
        String[] p = hash.encode().split(":");
        char c = p[3].charAt(0);
        p[3] = (c == 'A' ? 'B' : 'A') + p[3].substring(1);
        assertFalse(PasswordHash.parse(String.join(":", p)).matches(password));
    }

    @Test
    void refusesWeakOrMalformedHashes() {
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.of(password, 1000, RANDOM));
        String weak = hash.encode().replace(":600000:", ":1000:");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(weak)).getMessage().contains("too weak"));
        for (String bad : new String[] {"", "md5:1:2:3", "pbkdf2-sha256:x:AA:AA", "pbkdf2-sha256:600000:!!:AA", "pbkdf2-sha256:600000:AAAA:AAAA"}) {
            assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(bad), bad);
        }
    }
}
