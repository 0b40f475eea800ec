package io.simca.ca.config;

import java.time.Duration;

/**
 * Issuing hierarchy: the label that /.well-known/est/ serves without one, and responder renewal.
 */
public record CaConfig(String defaultLabel, Duration ocspResponderRenewBefore) {}
