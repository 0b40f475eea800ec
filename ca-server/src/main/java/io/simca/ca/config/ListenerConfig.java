package io.simca.ca.config;

/**
 * One network listener. Port 0 binds an ephemeral port (tests); the server reports the real one.
 */
public record ListenerConfig(String host, int port) {}
