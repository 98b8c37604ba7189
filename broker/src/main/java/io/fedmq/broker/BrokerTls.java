package io.fedmq.broker;

import io.fedmq.protocol.security.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The broker's TLS listener. With it, everything that crosses the network is encrypted: the listener binds the
 * broker's host, and the plain TCP listener moves to 127.0.0.1, for programs on the broker's own machine alone.
 *
 * @param port      the TLS port (8883 is MQTT's), or 0 to pick a free one when the broker starts
 * @param key       the broker's private key
 * @param chain     its certificate first, then any intermediates; clients check it against their CA and the host
 *                  name they dialled
 * @param clientCas when not empty, mutual TLS: a client must present a certificate issued by one of these, and
 *                  the certificate's CN must be the user name it logs in with; when empty, a password alone
 */
public record BrokerTls(int port, PrivateKey key, List<X509Certificate> chain, List<X509Certificate> clientCas) {
    public static final int DEFAULT_PORT = 8883;

    public BrokerTls {
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("TLS port must be in [0, 65535], got " + port);
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) throw new IllegalArgumentException("the broker needs its certificate");
        clientCas = List.copyOf(clientCas);
    }

    /**
     * Reads PEM files: the broker's certificate (chain), its unencrypted PKCS#8 key, and optionally the CA whose
     * client certificates it requires (null: no client certificates).
     */
    public static BrokerTls fromPem(int port, Path certificate, Path key, Path clientCa) throws IOException {
        return new BrokerTls(port, Pem.readPrivateKey(key), Pem.readCertificates(certificate),
                clientCa == null ? List.of() : Pem.readCertificates(clientCa));
    }

    public boolean mutual() { return !clientCas.isEmpty(); }

    public BrokerTls withPort(int port) { return new BrokerTls(port, key, chain, clientCas); }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "BrokerTls[port=" + port + ", certificate=" + chain.get(0).getSubjectX500Principal().getName()
                + (mutual() ? ", client certificates required" : ", no client certificates") + "]";
    }
}
