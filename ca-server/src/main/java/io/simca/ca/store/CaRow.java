package io.simca.ca.store;

import java.time.Instant;

/** A stored CA: {@link CaRecordValue} plus when it was first registered. */
public record CaRow(
    String id,
    String label,
    int generation,
    String subject,
    byte[] certDer,
    CaStatus status,
    Instant notBefore,
    Instant notAfter,
    Instant createdAt) {}
