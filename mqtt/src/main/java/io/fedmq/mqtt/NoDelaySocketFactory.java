package io.fedmq.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Plain sockets with Nagle's algorithm off. Paho never sets TCP_NODELAY, so a QoS 1 publish whose last segment
 * is small waits for the peer's delayed ACK (~40 ms on Linux): a 56 KB model took 53 ms to deliver on loopback.
 * {@link #tls} does the same for TLS sockets.
 */
final class NoDelaySocketFactory extends SocketFactory {
    static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory();

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket() throws IOException { return noDelay(new Socket()); }

    @Override
    public Socket createSocket(String host, int port) throws IOException { return noDelay(new Socket(host, port)); }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException { return noDelay(new Socket(host, port)); }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(new Socket(address, port, localAddress, localPort));
    }

    /** TLS sockets from {@code tls}, Nagle off and limited to {@code protocols}. Paho needs an SSLSocketFactory for ssl://. */
    static SSLSocketFactory tls(SSLSocketFactory tls, String[] protocols) {
        return new SSLSocketFactory() {
            private Socket tune(Socket s) throws IOException {
                if (s instanceof SSLSocket ssl) ssl.setEnabledProtocols(protocols);
                return noDelay(s);
            }

            @Override
            public String[] getDefaultCipherSuites() { return tls.getDefaultCipherSuites(); }

            @Override
            public String[] getSupportedCipherSuites() { return tls.getSupportedCipherSuites(); }

            @Override
            public Socket createSocket() throws IOException { return tune(tls.createSocket()); }

            @Override
            public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
                return tune(tls.createSocket(s, host, port, autoClose));
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException { return tune(tls.createSocket(host, port)); }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return tune(tls.createSocket(host, port, localHost, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException { return tune(tls.createSocket(host, port)); }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
                return tune(tls.createSocket(address, port, localAddress, localPort));
            }
        };
    }
}
