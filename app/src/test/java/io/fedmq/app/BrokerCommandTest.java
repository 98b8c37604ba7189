package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.broker.BrokerConfig;
import io.fedmq.broker.BrokerLimits;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./fedmq broker}: the limits it can be given, and the defaults it keeps otherwise. */
class BrokerCommandTest {
    @TempDir Path dir;

    private static BrokerConfig parse(String... args) throws Exception {
        BrokerCommand command = new BrokerCommand();
        new CommandLine(command).parseArgs(args);
        return command.config();
    }

    @Test
    void keepsTheDefaultLimitsUnlessTold() throws Exception {
        BrokerConfig config = parse();
        assertEquals(BrokerConfig.DEFAULT_MAX_PACKET_BYTES, config.maxPacketBytes());
        assertEquals(BrokerLimits.DEFAULT, config.limits());
    }

    @Test
    void takesThePacketSizeQueueAndPublishRateFromItsOptions() throws Exception {
        BrokerConfig config = parse("--max-packet-bytes", "1048576", "--max-queued-messages", "50", "--publish-rate", "0");
        assertEquals(1 << 20, config.maxPacketBytes());
        assertEquals(50, config.limits().maxQueuedMessages());
        assertFalse(config.limits().limitsPublishRate(), "rate 0 turns the limit off");
        assertEquals(BrokerLimits.DEFAULT_PUBLISH_BURST, config.limits().publishBurst());
        assertEquals(7, parse("--publish-burst", "7").limits().publishBurst());
    }

    @Test
    void takesTheFilesOfTlsInitAndMovesThePlainListenerToLoopback() throws Exception {
        assertEquals(0, new CommandLine(new Main()).execute("tls", "init", "--dir", dir.toString(), "--name", "fedmq-broker.local", "--ip", "192.168.1.10"));
        BrokerConfig config = parse("--host", "0.0.0.0", "--tls-cert", dir.resolve("broker.pem").toString(), "--tls-key",
                dir.resolve("broker.key").toString(), "--tls-client-ca", dir.resolve("ca.pem").toString(), "--tls-port", "18883");
        assertEquals(18883, config.tls().port());
        assertTrue(config.tls().mutual());
        assertEquals("127.0.0.1", config.plainHost(), "in clear only on loopback");
        assertEquals("0.0.0.0", config.host());
        var names = config.tls().chain().get(0).getSubjectAlternativeNames().stream().map(n -> n.get(1)).toList();
        assertEquals(List.of("fedmq-broker.local", "127.0.0.1", "192.168.1.10"), names);

        assertNull(parse().tls(), "no TLS unless asked");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("--tls-client-ca", dir.resolve("ca.pem").toString()));
        assertTrue(e.getMessage().contains("--tls-client-ca needs the TLS listener"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("--tls-cert", dir.resolve("broker.pem").toString()));
    }
}
