package io.fedmq.mqtt;

import io.fedmq.protocol.security.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a client trusts and shows when it connects to an {@code ssl://} broker: JDK TLS, no crypto library.
 *
 * @param trusted the CA certificates the broker's certificate must chain to; empty trusts the JDK's public CAs
 * @param key     this client's private key for mutual TLS, or null when it shows no certificate
 * @param chain   its certificate (CN = the identity's name) and any intermediates; empty when {@code key} is null
 */
public record ClientTls(List<X509Certificate> trusted, PrivateKey key, List<X509Certificate> chain) {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    public ClientTls {
        trusted = List.copyOf(trusted);
        chain = List.copyOf(chain);
        if ((key == null) != chain.isEmpty()) throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
    }

    /**
     * Reads PEM files: the CA to trust (null: the JDK's public CAs), and this client's certificate and unencrypted
     * PKCS#8 key (both null: no client certificate).
     */
    public static ClientTls fromPem(Path ca, Path certificate, Path key) throws IOException {
        if ((certificate == null) != (key == null)) throw new IOException("a client certificate and its key go together: give both or neither");
        return new ClientTls(ca == null ? List.of() : Pem.readCertificates(ca),
                key == null ? null : Pem.readPrivateKey(key), certificate == null ? List.of() : Pem.readCertificates(certificate));
    }

    /** Socket factory for Paho: TLS 1.3/1.2 only, Nagle off like plain sockets. Host names are checked by Paho. */
    SSLSocketFactory socketFactory() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(), trustManagers(), new SecureRandom());
            return NoDelaySocketFactory.tls(context.getSocketFactory(), PROTOCOLS);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private javax.net.ssl.KeyManager[] keyManagers() throws GeneralSecurityException, IOException {
        if (key == null) return null;
        char[] pw = new char[0]; // an in-memory store: the password protects nothing
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", key, pw, chain.toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        return kmf.getKeyManagers();
    }

    private javax.net.ssl.TrustManager[] trustManagers() throws GeneralSecurityException, IOException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trusted.isEmpty()) {
            tmf.init((KeyStore) null); // the JDK's cacerts
        } else {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            int i = 0;
            for (X509Certificate ca : trusted) ts.setCertificateEntry("ca-" + i++, ca);
            tmf.init(ts);
        }
        return tmf.getTrustManagers();
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "ClientTls[trusted=" + (trusted.isEmpty() ? "the JDK's CAs" : trusted.size() + " CA(s)")
                + ", certificate=" + (chain.isEmpty() ? "none" : chain.get(0).getSubjectX500Principal().getName()) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientTls t && trusted.equals(t.trusted) && Objects.equals(key, t.key) && chain.equals(t.chain);
    }

    @Override
    public int hashCode() { return Objects.hash(trusted, key, chain); }
}
