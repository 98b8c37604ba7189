package io.fedmq.protocol.secagg;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the Shamir shares one node sends another through the orchestrator. The key comes from
 * the pair's encryption-key agreement through HKDF with the round as salt; the associated data binds the
 * round, the sender and the recipient, so the orchestrator can neither replay a share into another round
 * nor hand it to someone else. Wire form: 12-byte random nonce, then ciphertext and 16-byte tag.
 */
public final class ShareCipher {
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] KEY_INFO = Bytes.utf8("fedmq/secagg/share-key");
    private static final byte[] AAD_LABEL = Bytes.utf8("fedmq/secagg/share");
    private static final SecureRandom NONCES = new SecureRandom();

    private ShareCipher() {}

    /** Encrypts {@code plaintext} from {@code from} to {@code to}; a fresh random nonce every call. */
    public static byte[] encrypt(byte[] sharedSecret, long round, String from, String to, byte[] plaintext) {
        byte[] nonce = new byte[NONCE];
        NONCES.nextBytes(nonce);
        try {
            Cipher c = init(Cipher.ENCRYPT_MODE, sharedSecret, round, from, to, nonce);
            byte[] out = new byte[NONCE + c.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            c.doFinal(plaintext, 0, plaintext.length, out, NONCE);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java 17 runtime", e);
        }
    }

    /** Decrypts and authenticates; any tampering or a wrong key, round, sender or recipient is refused. */
    public static byte[] decrypt(byte[] sharedSecret, long round, String from, String to, byte[] ciphertext)
            throws SecAggException {
        if (ciphertext == null || ciphertext.length < NONCE + TAG_BITS / 8) {
            throw new SecAggException("encrypted share from " + from + " to " + to + " is too short");
        }
        byte[] nonce = java.util.Arrays.copyOf(ciphertext, NONCE);
        try {
            Cipher c = init(Cipher.DECRYPT_MODE, sharedSecret, round, from, to, nonce);
            return c.doFinal(ciphertext, NONCE, ciphertext.length - NONCE);
        } catch (AEADBadTagException e) {
            throw new SecAggException("encrypted share from " + from + " to " + to + " in round " + round
                    + " does not authenticate (tampered, or not meant for this round and pair)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java 17 runtime", e);
        }
    }

    private static Cipher init(int mode, byte[] sharedSecret, long round, String from, String to, byte[] nonce)
            throws GeneralSecurityException {
        Bytes.requireLength(sharedSecret, KeyPairs.LENGTH, "shared secret");
        if (from == null || to == null) throw new IllegalArgumentException("sender and recipient are required");
        byte[] key = Hkdf.derive(sharedSecret, Bytes.round(round), KEY_INFO, 32);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(Bytes.framed(AAD_LABEL, Bytes.round(round), Bytes.utf8(from), Bytes.utf8(to)));
        return c;
    }
}
