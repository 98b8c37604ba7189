package io.fedmq.broker;

import io.fedmq.protocol.security.SecretFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * HiveMQ reads TLS keys from Java key stores only; fedmq takes PEM, the format CAs hand out, and writes the key
 * stores HiveMQ needs on every start, under a fresh random password, into the broker's config folder, readable
 * by the broker's user alone. So the PEM files stay the one source, and a renewed certificate takes effect on
 * the next start.
 */
final class TlsKeystores {
    static final String FOLDER = "tls";
    static final String KEYSTORE = "broker.p12";
    static final String TRUSTSTORE = "client-cas.p12";
    private static final String ALIAS = "fedmq-broker";

    /**
     * What HiveMQ's listener reads.
     *
     * @param port       the TLS port
     * @param keystore   the broker's key and chain
     * @param password   of both stores and the key: random per start, never logged
     * @param truststore the CAs of client certificates, or null when none are required
     */
    record Files(int port, Path keystore, String password, Path truststore) {
        @Override
        public String toString() { return "Files[port=" + port + ", keystore=" + keystore + ", truststore=" + truststore + "]"; }
    }

    private TlsKeystores() {}

    static Files write(BrokerTls tls, int port, Path configFolder) throws IOException {
        Path folder = configFolder.resolve(FOLDER);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        char[] pw = password.toCharArray();
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(ALIAS, tls.key(), pw, tls.chain().toArray(Certificate[]::new));
            Path keystore = folder.resolve(KEYSTORE);
            SecretFiles.write(keystore, store(keys, pw));
            Path truststore = null;
            if (tls.mutual()) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int i = 0;
                for (X509Certificate ca : tls.clientCas()) trust.setCertificateEntry("client-ca-" + i++, ca);
                truststore = folder.resolve(TRUSTSTORE);
                SecretFiles.write(truststore, store(trust, pw));
            } else {
                java.nio.file.Files.deleteIfExists(folder.resolve(TRUSTSTORE));
            }
            return new Files(port, keystore, password, truststore);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the broker's TLS key store: " + e.getMessage(), e);
        }
    }

    private static byte[] store(KeyStore ks, char[] password) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, password);
        return out.toByteArray();
    }
}
