package io.fedmq.protocol.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The orchestrator's Ed25519 signing key (JDK only): generated once, the private half kept in a PKCS#8 PEM file
 * only its owner can read, the public half pinned in every node's config as one Base64 line.
 */
public final class SigningKeys {
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private SigningKeys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks Ed25519", e);
        }
    }

    /**
     * The key pair in {@code file}, created (mode 600) when it does not exist yet.
     *
     * @throws IOException when the file exists but is not an Ed25519 private key
     */
    public static KeyPair loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) return load(file);
        KeyPair pair = generate();
        String pem = pem(PRIVATE, pair.getPrivate().getEncoded()) + pem(PUBLIC, pair.getPublic().getEncoded());
        SecretFiles.write(file, pem.getBytes(StandardCharsets.US_ASCII));
        return pair;
    }

    /** Reads the PEM file {@link #loadOrCreate} writes: the PKCS#8 private key and its X.509 public key. */
    public static KeyPair load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            KeyFactory f = KeyFactory.getInstance("Ed25519");
            PrivateKey priv = f.generatePrivate(new PKCS8EncodedKeySpec(block(text, PRIVATE, file)));
            PublicKey pub = f.generatePublic(new X509EncodedKeySpec(block(text, PUBLIC, file)));
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(priv);
            s.update(PROBE);
            byte[] sig = s.sign();
            s.initVerify(pub);
            s.update(PROBE);
            if (!s.verify(sig)) throw new IOException(file + ": its public key does not belong to its private key");
            return new KeyPair(pub, priv);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " does not hold an Ed25519 key pair: " + e.getMessage(), e);
        }
    }

    private static final byte[] PROBE = "fedmq key check".getBytes(StandardCharsets.US_ASCII);

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] block(String text, String type, Path file) throws IOException {
        String begin = "-----BEGIN " + type + "-----", end = "-----END " + type + "-----";
        int from = text.indexOf(begin), to = text.indexOf(end);
        if (from < 0 || to < from) throw new IOException(file + " has no " + type + " block");
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    /** The public key as one Base64 line (X.509 SubjectPublicKeyInfo), for a node's config. */
    public static String encodePublic(PublicKey key) { return Base64.getEncoder().encodeToString(key.getEncoded()); }

    /** Parses {@link #encodePublic}'s form. */
    public static PublicKey decodePublic(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in Base64 (X.509): " + e.getMessage(), e);
        }
    }

    /** A short fingerprint (first 16 hex digits of SHA-256) for logs: never the key itself. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
