package io.fedmq.protocol;

/** The one error a decoder raises: the bytes are not a valid fedmq message, and the message says why. */
public final class WireFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) { super(message); }

    public WireFormatException(String message, Throwable cause) { super(message, cause); }
}
