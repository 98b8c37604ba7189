package io.fedmq.protocol;

/**
 * Upper bounds the decoder checks before it allocates anything a length field asks for.
 *
 * @param maxMessageBytes   largest payload accepted at all
 * @param maxTensorElements largest tensor, in values
 * @param maxListLength     longest list (selected nodes, labels, shape)
 * @param maxStringBytes    longest string, in UTF-8 bytes
 */
public record WireLimits(int maxMessageBytes, int maxTensorElements, int maxListLength, int maxStringBytes) {
    /** 64 MiB messages, 16 M-value tensors: a model far larger than a Raspberry Pi should train. */
    public static final WireLimits DEFAULT = new WireLimits(64 << 20, 16 << 20, 100_000, 1024);

    public WireLimits {
        if (maxMessageBytes < 64 || maxTensorElements < 1 || maxListLength < 1 || maxStringBytes < 1) {
            throw new IllegalArgumentException("limits must be positive (and messages at least 64 bytes)");
        }
    }
}
