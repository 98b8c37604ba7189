package io.fedmq.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Mosquitto broker this test starts itself on a free loopback port, to prove fedmq runs on any MQTT v5 broker.
 * Outside CI a missing binary skips the test with the install command; under CI=true it fails, because
 * {@code .ci/run} installs it.
 */
final class MosquittoBroker implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private MosquittoBroker(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static Optional<Path> binary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "mosquitto");
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    static MosquittoBroker start(Path dir) throws IOException, InterruptedException {
        Optional<Path> bin = binary();
        if (bin.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) throw new IllegalStateException("mosquitto is not installed; .ci/run should have installed it");
            Assumptions.abort("mosquitto is not installed (apt-get install mosquitto): skipping the Mosquitto round");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "log_dest stderr",
                "") );
        Path log = dir.resolve("mosquitto.log");
        Process p = new ProcessBuilder(bin.get().toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        MosquittoBroker broker = new MosquittoBroker(p, port, log);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            if (!p.isAlive()) throw new IllegalStateException("mosquitto exited: " + Files.readString(log));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return broker;
            } catch (IOException notYet) {
                p.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        broker.close();
        throw new IllegalStateException("mosquitto did not listen on " + port + " within 15 s: " + Files.readString(log));
    }

    String serverUri() { return "tcp://127.0.0.1:" + port; }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
