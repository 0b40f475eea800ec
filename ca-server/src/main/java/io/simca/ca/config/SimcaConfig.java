package io.simca.ca.config;

/**
 * The whole server configuration as immutable values. Every field has a default (the bundled {@code
 * defaults.yaml}, mirrored and documented in config/simca.yaml), so a file only names what it
 * changes; unknown keys are rejected at load so a typo never silently falls back to a default.
 */
public record SimcaConfig(
    String dataDir,
    ServerConfig server,
    StoreConfig store,
    CaConfig ca,
    ProfileConfig profile,
    PolicyConfig policy,
    OcspConfig ocsp,
    CrlConfig crl) {}
