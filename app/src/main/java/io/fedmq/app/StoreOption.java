package io.fedmq.app;

/** Where the broker's credentials store lives unless a command is told otherwise. */
final class StoreOption {
    static final String DEFAULT = "fedmq-data/credentials";

    private StoreOption() {}
}
