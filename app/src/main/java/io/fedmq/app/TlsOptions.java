package io.fedmq.app;

import io.fedmq.mqtt.ClientTls;
import io.fedmq.mqtt.MqttSettings;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a program that connects to an {@code ssl://} broker checks it and, for mutual TLS, shows who it is. */
final class TlsOptions {
    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "for an ssl:// broker: the CA certificate (PEM) its certificate must chain to, e.g. the ca.pem of "
                    + "`fedmq tls init` (default: the JDK's public CAs)")
    Path ca;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "for a broker that requires client certificates: this program's certificate (PEM; its CN is the identity's name)")
    Path certificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "the key of --tls-cert (unencrypted PKCS#8 PEM, mode 600)")
    Path key;

    /** The TLS settings for {@code broker}: null for tcp://, where giving any of these options is a mistake said at once. */
    ClientTls tls(String broker) throws IOException {
        return of(broker, ca, certificate, key);
    }

    static ClientTls of(String broker, Path ca, Path certificate, Path key) throws IOException {
        if (!MqttSettings.usesTls(broker)) {
            if (ca != null || certificate != null || key != null) {
                throw new IllegalArgumentException("--tls-ca, --tls-cert and --tls-key are for an ssl:// broker; " + broker
                        + " is plain TCP (the broker's TLS listener is ssl://HOST:8883)");
            }
            return null;
        }
        return ClientTls.fromPem(ca, certificate, key);
    }
}
