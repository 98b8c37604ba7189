package io.fedmq.learning;

/**
 * A data set on disk could not be read: the message names the file (and line) and what is wrong with it.
 * Checked, because a node operator can fix it and the node should say so rather than crash.
 */
public final class DatasetException extends Exception {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
