package io.fedmq.protocol.secagg;

/**
 * The one checked error of secure aggregation: input from another party (a key, a share, a ciphertext, an
 * unmask request) is invalid, or the round cannot be completed safely. The message names what and who.
 * Programming errors (a wrong argument from our own code) stay {@link IllegalArgumentException}s.
 */
public final class SecAggException extends Exception {
    private static final long serialVersionUID = 1L;

    public SecAggException(String message) { super(message); }

    public SecAggException(String message, Throwable cause) { super(message, cause); }
}
