package io.fedmq.broker;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records what fedmq logs, so that a test can check the line a refusal leaves. Close it to stop recording. */
final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger;

    LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    List<String> lines() {
        synchronized (appender.list) { // ListAppender appends under its own lock on the list
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    /** The first line containing every fragment, waiting up to {@code timeout} for it to be logged. */
    String await(Duration timeout, String... fragments) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines()) {
                boolean all = true;
                for (String f : fragments) all &= line.contains(f);
                if (all) return line;
            }
            if (System.nanoTime() > end) throw new AssertionError("no log line with " + List.of(fragments) + " in " + lines());
            Thread.sleep(20); // polling a condition, bounded by the timeout
        }
    }

    @Override
    public void close() { logger.detachAppender(appender); }
}
