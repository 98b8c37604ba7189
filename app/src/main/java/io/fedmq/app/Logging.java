package io.fedmq.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Log levels set at run time: the demo keeps the console for its own table. */
final class Logging {
    private Logging() {}

    static void quiet() {
        ((Logger) LoggerFactory.getLogger("io.fedmq")).setLevel(Level.ERROR);
    }
}
