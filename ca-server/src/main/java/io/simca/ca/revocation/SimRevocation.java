package io.simca.ca.revocation;

import io.simca.ca.store.SimStatus;
import java.math.BigInteger;
import java.util.List;

/**
 * The outcome of revoking a SIM: its new status and the serials this call revoked. A repeated call
 * revokes nothing new ({@code revokedSerials} empty, {@code alreadyRevoked} true).
 */
public record SimRevocation(
    String iccid, SimStatus status, List<BigInteger> revokedSerials, boolean alreadyRevoked) {}
