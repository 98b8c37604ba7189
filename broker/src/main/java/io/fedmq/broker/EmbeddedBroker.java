package io.fedmq.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process HiveMQ CE broker: fedmq's default MQTT v5 broker and the fixture of every MQTT test.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = new EmbeddedBroker(BrokerConfig.loopback(folder, 0)).start()) {
 *     connect clients to broker.serverUri() ...
 * }
 * }</pre>
 *
 * One instance runs once: {@link #start()} blocks until the broker accepts connections and {@link #close()}
 * stops it for good. HiveMQ's threads are not daemons, so a program that starts a broker must close it in a
 * {@code finally} (or try-with-resources), or the JVM will not exit. Starting and stopping take seconds: tests
 * share one broker per class.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** HiveMQ usually stops in a few seconds; past this something is stuck and we say so. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private enum State { NEW, RUNNING, CLOSED }

    private final BrokerConfig config;
    private State state = State.NEW;
    private EmbeddedHiveMQ hivemq;
    private int port;
    private int tlsPort;

    public EmbeddedBroker(BrokerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.port = config.port();
        this.tlsPort = config.tls() == null ? 0 : config.tls().port();
    }

    /**
     * Writes the broker's configuration, starts HiveMQ and waits until it listens.
     *
     * @return this broker, for try-with-resources
     * @throws BrokerException when the folders cannot be written, the port is taken, or HiveMQ fails or does not
     *                         start within {@link BrokerConfig#startTimeout()}; nothing is left running then
     */
    public synchronized EmbeddedBroker start() throws BrokerException {
        if (state != State.NEW) throw new IllegalStateException("a broker starts once; this one is " + state);
        state = State.CLOSED; // until proven otherwise: a failed start leaves nothing to close
        port = config.port() == 0 ? freePort(config.plainHost()) : config.port();
        requirePortFree(config.plainHost(), port);
        BrokerTls tls = config.tls();
        if (tls != null) {
            tlsPort = tls.port() == 0 ? freePort(config.host()) : tls.port();
            requirePortFree(config.host(), tlsPort);
        }
        try {
            Files.createDirectories(config.extensionsFolder());
            HiveMqConfigFile.write(config, port, tls == null ? null : TlsKeystores.write(tls, tlsPort, config.configFolder()));
        } catch (IOException e) {
            throw new BrokerException("Cannot write the broker's configuration under " + config.dataFolder() + ": " + e.getMessage(), e);
        }
        HiveMqLogging.quietUnlessConfigured();

        long started = System.nanoTime();
        EmbeddedHiveMQ broker = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(config.configFolder())
                .withDataFolder(config.dataFolder())
                .withExtensionsFolder(config.extensionsFolder())
                .withEmbeddedExtension(SecurityExtension.embedded(config.authenticator(), config.limits()))
                // HiveMQ's logging bootstrap would take over the host application's logback setup.
                .withoutLoggingBootstrap()
                .build();
        String where = config.host() + ":" + port;
        try {
            // Completes once the listener is bound; a listener that cannot bind fails it.
            broker.start().get(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            shutDown(broker);
            throw new BrokerException("HiveMQ did not start on " + where + " within " + config.startTimeout().toSeconds() + " s", e);
        } catch (ExecutionException e) {
            shutDown(broker);
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new BrokerException("HiveMQ failed to start on " + where + ": " + cause, cause);
        } catch (InterruptedException e) {
            shutDown(broker);
            Thread.currentThread().interrupt();
            throw new BrokerException("Interrupted while HiveMQ was starting on " + where, e);
        }
        hivemq = broker;
        state = State.RUNNING;
        log.info("MQTT broker listening on {} (data in {}, started in {} ms); security: {}", tls == null ? serverUri() : tlsUri() + " and "
                + serverUri() + " (loopback only)", config.dataFolder(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                config.authenticator().describe() + (tls == null ? "; no TLS: passwords and updates cross the network in clear"
                        : "; TLS 1.3/1.2" + (tls.mutual() ? " with client certificates whose CN must be the user name" : "")));
        if (config.authenticator().isOpen()) {
            log.warn("The MQTT broker on {} is OPEN: no authentication, no topic ACLs; anyone who reaches it can publish a model "
                    + "to the whole fleet. Give it a credentials store for anything but a test.", serverUri());
        }
        return this;
    }

    /** The port the broker listens on; before {@link #start()}, known only if the configuration named one. */
    public synchronized int port() {
        if (port == 0) throw new IllegalStateException("the broker picks its port when it starts");
        return port;
    }

    /**
     * Where clients connect in plain TCP, e.g. {@code tcp://127.0.0.1:1883}; a wildcard bind address is reached via
     * loopback, and so is the plain listener of a broker with TLS.
     */
    public String serverUri() { return "tcp://" + dialable(config.plainHost()) + ":" + port(); }

    /** Where clients connect over TLS, e.g. {@code ssl://127.0.0.1:8883}. */
    public synchronized String tlsUri() {
        if (config.tls() == null) throw new IllegalStateException("this broker has no TLS listener");
        if (tlsPort == 0) throw new IllegalStateException("the broker picks its port when it starts");
        return "ssl://" + dialable(config.host()) + ":" + tlsPort;
    }

    private static String dialable(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) host = BrokerConfig.DEFAULT_HOST;
        if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        return host;
    }

    public BrokerConfig config() { return config; }

    public synchronized boolean isRunning() { return state == State.RUNNING; }

    /** Stops the broker and frees its port and threads; waits at most 30 s. Safe to call more than once. */
    @Override
    public void close() {
        EmbeddedHiveMQ broker;
        synchronized (this) {
            broker = hivemq;
            hivemq = null;
            state = State.CLOSED;
        }
        if (broker == null) return;
        long t0 = System.nanoTime();
        shutDown(broker);
        log.info("MQTT broker on port {} stopped in {} ms", port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /**
     * {@link EmbeddedHiveMQ#close()} stops the broker and then its own state-change thread, which {@code stop()}
     * alone would leave behind. It waits without a limit, so it runs on a daemon thread that we wait for with one.
     */
    private static void shutDown(EmbeddedHiveMQ broker) {
        Thread closer = new Thread(() -> {
            try {
                broker.close();
            } catch (ExecutionException e) {
                log.warn("HiveMQ reported an error while stopping", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fedmq-broker-stop");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) log.error("HiveMQ did not stop within {} s; its threads may keep the JVM alive", STOP_TIMEOUT.toSeconds());
    }

    /** Asks the OS for a free port on the bind address. Another process could take it before HiveMQ binds; rare on loopback. */
    private static int freePort(String host) throws BrokerException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BrokerException("Cannot find a free port on " + host + ": " + e.getMessage(), e);
        }
    }

    /**
     * HiveMQ does fail when its only listener cannot bind, but seconds later and with a bare
     * {@code UnrecoverableException}; checking first turns a taken port into a quick, clear error.
     */
    private static void requirePortFree(String host, int port) throws BrokerException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // like HiveMQ servers do, so a port in TIME_WAIT counts as free
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new BrokerException("Cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); is another broker running?", e);
        }
    }
}
