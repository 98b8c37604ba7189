package io.fedmq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fedmq.broker.BrokerConfig;
import io.fedmq.broker.BrokerLimits;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./fedmq broker}: the limits it can be given, and the defaults it keeps otherwise. */
class BrokerCommandTest {
    private static BrokerConfig parse(String... args) {
        BrokerCommand command = new BrokerCommand();
        new CommandLine(command).parseArgs(args);
        return command.config();
    }

    @Test
    void keepsTheDefaultLimitsUnlessTold() {
        BrokerConfig config = parse();
        assertEquals(BrokerConfig.DEFAULT_MAX_PACKET_BYTES, config.maxPacketBytes());
        assertEquals(BrokerLimits.DEFAULT, config.limits());
    }

    @Test
    void takesThePacketSizeQueueAndPublishRateFromItsOptions() {
        BrokerConfig config = parse("--max-packet-bytes", "1048576", "--max-queued-messages", "50", "--publish-rate", "0");
        assertEquals(1 << 20, config.maxPacketBytes());
        assertEquals(50, config.limits().maxQueuedMessages());
        assertFalse(config.limits().limitsPublishRate(), "rate 0 turns the limit off");
        assertEquals(BrokerLimits.DEFAULT_PUBLISH_BURST, config.limits().publishBurst());
        assertEquals(7, parse("--publish-burst", "7").limits().publishBurst());
    }
}
