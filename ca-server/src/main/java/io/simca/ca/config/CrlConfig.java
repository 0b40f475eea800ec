package io.simca.ca.config;

import java.time.Duration;

/** CRL (RFC 5280 §5) regeneration schedule. */
public record CrlConfig(Duration validity, Duration interval, Duration debounce) {}
