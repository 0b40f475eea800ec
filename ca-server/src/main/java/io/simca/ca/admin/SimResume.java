package io.simca.ca.admin;

import io.simca.ca.store.SimStatus;

/**
 * The result of {@code sim resume}.
 *
 * @param previous the status before the call
 * @param changed false when the SIM was already active (nothing written)
 */
public record SimResume(String iccid, SimStatus previous, SimStatus status, boolean changed) {}
