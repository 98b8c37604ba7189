package io.fedmq.broker;

import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps HiveMQ's INFO chatter (banner, persistence, extension and listener start-up) out of fedmq's output,
 * while its warnings and errors still show.
 *
 * <p>fedmq starts HiveMQ without its logging bootstrap, because that bootstrap detaches the root appenders
 * of the host application and may reset the whole logback context. Instead, the loggers below are lowered to
 * WARN, but only when the application's logging configuration has not set a level for them itself, so a
 * {@code <logger name="com.hivemq" level="INFO"/>} still wins. Logback is HiveMQ's runtime dependency, not
 * ours, so it is reached reflectively; with any other SLF4J binding this does nothing.
 */
final class HiveMqLogging {
    private static final Logger log = LoggerFactory.getLogger(HiveMqLogging.class);
    private static final String LOGBACK_LOGGER = "ch.qos.logback.classic.Logger";
    private static final String LOGBACK_LEVEL = "ch.qos.logback.classic.Level";
    /** HiveMQ itself (its start-up checks log as "migrations") and the storage and network libraries it brings. */
    private static final String[] NOISY = {"com.hivemq", "migrations", "jetbrains.exodus", "org.rocksdb", "io.netty", "oshi"};

    private HiveMqLogging() {}

    static void quietUnlessConfigured() {
        for (String name : NOISY) {
            Logger logger = LoggerFactory.getLogger(name);
            if (!logger.getClass().getName().equals(LOGBACK_LOGGER)) return;
            try {
                Class<?> levelClass = Class.forName(LOGBACK_LEVEL, false, logger.getClass().getClassLoader());
                Method getLevel = logger.getClass().getMethod("getLevel");
                if (getLevel.invoke(logger) == null) {
                    logger.getClass().getMethod("setLevel", levelClass).invoke(logger, levelClass.getField("WARN").get(null));
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.debug("Could not lower the log level of {}", name, e);
                return;
            }
        }
    }
}
