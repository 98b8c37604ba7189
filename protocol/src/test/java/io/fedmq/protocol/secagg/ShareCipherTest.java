package io.fedmq.protocol.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShareCipherTest {
    private final byte[] secret = filled(32, 7);
    private final byte[] plain = filled(132, 3);

    @Test
    void roundTripsWithRandomNonces() throws Exception {
        byte[] a = ShareCipher.encrypt(secret, 5, "node-a", "node-b", plain);
        byte[] b = ShareCipher.encrypt(secret, 5, "node-a", "node-b", plain);
        assertEquals(12 + plain.length + 16, a.length);
        assertFalse(Arrays.equals(a, b), "a fresh nonce every time");
        assertArrayEquals(plain, ShareCipher.decrypt(secret, 5, "node-a", "node-b", a));
        assertArrayEquals(plain, ShareCipher.decrypt(secret, 5, "node-a", "node-b", b));
    }

    @Test
    void everyFlippedBitIsRefused() {
        byte[] ct = ShareCipher.encrypt(secret, 5, "node-a", "node-b", plain);
        for (int i = 0; i < ct.length; i++) {
            byte[] bad = ct.clone();
            bad[i] ^= 1;
            assertThrows(SecAggException.class, () -> ShareCipher.decrypt(secret, 5, "node-a", "node-b", bad), "byte " + i);
        }
        assertThrows(SecAggException.class, () -> ShareCipher.decrypt(secret, 5, "node-a", "node-b", Arrays.copyOf(ct, 27)));
        assertThrows(SecAggException.class, () -> ShareCipher.decrypt(secret, 5, "node-a", "node-b", Arrays.copyOf(ct, ct.length - 1)));
    }

    @Test
    void aShareCannotBeMovedToAnotherKeyRoundSenderOrRecipient() {
        byte[] ct = ShareCipher.encrypt(secret, 5, "node-a", "node-b", plain);
        assertThrows(SecAggException.class, () -> ShareCipher.decrypt(filled(32, 8), 5, "node-a", "node-b", ct));
        assertThrows(SecAggException.class, () -> ShareCipher.decrypt(secret, 6, "node-a", "node-b", ct));
        assertThrows(SecAggException.class, () -> ShareCipher.decrypt(secret, 5, "node-c", "node-b", ct));
        assertThrows(SecAggException.class, () -> ShareCipher.decrypt(secret, 5, "node-a", "node-c", ct));
        assertThrows(SecAggException.class, () -> ShareCipher.decrypt(secret, 5, "node-b", "node-a", ct), "reflected");
        assertThrows(SecAggException.class, () -> ShareCipher.decrypt(secret, 5, "node-a", "node-b", null));
    }

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }
}
