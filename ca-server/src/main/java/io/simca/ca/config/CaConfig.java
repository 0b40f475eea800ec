package io.simca.ca.config;

import java.time.Duration;

/**
 * Issuing hierarchy: the label that /.well-known/est/ serves without one, responder renewal, and
 * where the online CA keys live.
 */
public record CaConfig(String defaultLabel, Duration ocspResponderRenewBefore, KeysConfig keys) {}
