package io.fedmq.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records what the broker's security logs, so that a test can check the line each refusal leaves. */
final class BrokerLog implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.fedmq.broker");

    BrokerLog() {
        appender.start();
        logger.addAppender(appender);
    }

    List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    /** The first line holding every fragment, waiting up to 10 s for it: the broker logs on its own threads. */
    String await(String... fragments) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (String line : lines()) if (Arrays.stream(fragments).allMatch(line::contains)) return line;
            if (System.nanoTime() > end) throw new AssertionError("no broker log line with " + List.of(fragments) + " in:\n" + String.join("\n", lines()));
            Thread.sleep(20); // polling a condition, bounded
        }
    }

    @Override
    public void close() { logger.detachAppender(appender); }
}
