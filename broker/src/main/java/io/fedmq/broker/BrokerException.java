package io.fedmq.broker;

/** The embedded broker could not start: its folders, its port or HiveMQ itself failed. */
public final class BrokerException extends Exception {
    private static final long serialVersionUID = 1L;

    public BrokerException(String message, Throwable cause) { super(message, cause); }

    public BrokerException(String message) { super(message); }
}
