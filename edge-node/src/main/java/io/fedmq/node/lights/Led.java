package io.fedmq.node.lights;

/** The node's four status LEDs, named by colour; which pin drives each comes from the node's config. */
public enum Led { RED, YELLOW, GREEN, BLUE }
