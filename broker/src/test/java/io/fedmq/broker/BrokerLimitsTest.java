package io.fedmq.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedmq.protocol.ClientIds;
import io.fedmq.protocol.Stage;
import io.fedmq.protocol.Topics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The defaults fit what fedmq itself sends, and nonsense is refused early. */
class BrokerLimitsTest {
    private static final String LONGEST_NAME = "n".repeat(64); // Topics allows 64 characters for fleets and nodes

    @Test
    void defaultTopicLengthFitsFedmqsLongestTopic() {
        Topics topics = new Topics(LONGEST_NAME);
        int longest = 0;
        for (Stage stage : Stage.values()) {
            longest = Math.max(longest, utf8(topics.nodeStage(Long.MAX_VALUE, stage, LONGEST_NAME)));
        }
        longest = Math.max(longest, utf8(topics.nodeStatus(LONGEST_NAME)));
        longest = Math.max(longest, utf8(topics.nodeInbox(LONGEST_NAME)));
        longest = Math.max(longest, utf8(topics.model(Long.MAX_VALUE)));
        assertEquals(171, longest);
        assertTrue(longest <= BrokerLimits.DEFAULT.maxTopicLength());
    }

    @Test
    void defaultClientIdLengthFitsFedmqsLongestClientId() {
        int longest = Math.max(ClientIds.node(LONGEST_NAME, LONGEST_NAME).length(), ClientIds.orchestrator(LONGEST_NAME).length());
        longest = Math.max(longest, Math.max(ClientIds.monitor(LONGEST_NAME).length(), ClientIds.operator(LONGEST_NAME).length()));
        assertEquals(140, longest);
        assertTrue(longest <= BrokerLimits.DEFAULT.maxClientIdLength());
    }

    @Test
    void refusesLimitsHiveMqWouldRejectOrThatMakeNoSense() {
        BrokerLimits d = BrokerLimits.DEFAULT;
        assertThrows(IllegalArgumentException.class, () -> d.withMaxQueuedMessages(0));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxSessionExpiry(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxSessionExpiry(Duration.ofSeconds(1L << 32)));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxClientIdLength(65_536));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxTopicLength(0));
        assertThrows(IllegalArgumentException.class, () -> d.withPublishRate(Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> d.withPublishRate(10, 0));
        assertThrows(IllegalArgumentException.class, () -> d.withIncomingBytesPerSecond(-1));
        assertTrue(!d.withPublishRate(0, 1).limitsPublishRate(), "rate 0 is off");
    }

    private static int utf8(String s) { return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length; }
}
