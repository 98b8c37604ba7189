package io.fedmq.app;

/** Constants of the demo federation. */
final class Demo {
    private Demo() {}

    static final String FLEET = "demo";
}
