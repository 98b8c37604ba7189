package io.fedmq.protocol.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys in PEM, the format every CA tool writes (openssl, step, cfssl, easy-rsa), read and
 * written with the JDK alone so that an edge node needs no crypto library for TLS.
 *
 * <p>Keys are read as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), which openssl 3 writes by default, in EC,
 * RSA or Ed25519. The older per-algorithm forms ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}) and
 * encrypted keys are refused with the openssl command that converts them: a node starts unattended, so it could
 * not type a passphrase anyway, and the file's mode 600 is what protects it.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    private static final String[] KEY_ALGORITHMS = {"EC", "RSA", "Ed25519", "Ed448"};

    private Pem() {}

    /** Every certificate in the file, in order (a leaf first, then its chain, for a certificate file). */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        String text = read(file, "certificate");
        List<X509Certificate> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals("CERTIFICATE")) continue;
            out.add(certificate(decode(m.group(2), file), file));
        }
        if (out.isEmpty()) throw new IOException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        return List.copyOf(out);
    }

    /** The one private key in the file: unencrypted PKCS#8 in EC, RSA or Ed25519. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        String text = read(file, "private key");
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            switch (type) {
                case "PRIVATE KEY" -> { return privateKey(decode(m.group(2), file), file); }
                case "ENCRYPTED PRIVATE KEY" -> throw new IOException(file + " holds an encrypted key; a node starts unattended and "
                        + "cannot ask for a passphrase. Decrypt it (and keep the file mode 600): openssl pkey -in " + file + " -out KEY.pem");
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IOException(file + " holds a " + type + " (the old per-algorithm form); "
                        + "convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out KEY.pem");
                default -> { /* certificates and parameters next to the key are fine */ }
            }
        }
        throw new IOException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    /** Certificates as PEM text, one block each. */
    public static String certificates(List<X509Certificate> certificates) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                sb.append(block("CERTIFICATE", c.getEncoded()));
            } catch (CertificateException e) {
                throw new IllegalArgumentException("cannot encode certificate " + c.getSubjectX500Principal(), e);
            }
        }
        return sb.toString();
    }

    /** A private key as unencrypted PKCS#8 PEM: write it with {@link SecretFiles}. */
    public static byte[] privateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) throw new IllegalArgumentException("not a PKCS#8 key: " + key.getFormat());
        return block("PRIVATE KEY", key.getEncoded()).getBytes(StandardCharsets.US_ASCII);
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String read(Path file, String what) throws IOException {
        try {
            long size = Files.size(file);
            if (size > 1 << 20) throw new IOException(file + " is " + size + " bytes; a PEM " + what + " file is a few KB");
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IOException("no " + what + " file at " + file, e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(file + " is not a PEM file (it has bytes outside ASCII; DER files need converting: "
                    + "openssl x509 -inform der -in " + file + ")", e);
        }
    }

    private static byte[] decode(String body, Path file) throws IOException {
        try {
            return Base64.getMimeDecoder().decode(body.strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " has a PEM block whose Base64 is damaged: " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(byte[] der, Path file) throws IOException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IOException(file + " has a certificate that cannot be parsed: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(byte[] der, Path file) throws IOException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw new IOException(file + " has a PKCS#8 key that is not EC, RSA or Ed25519, or is damaged");
    }
}
