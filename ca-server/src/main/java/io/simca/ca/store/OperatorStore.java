package io.simca.ca.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Operator credentials of the admin API: what was issued, to whom, with which role, and whether it
 * was revoked. The admin listener refuses any client certificate without a usable row here.
 *
 * <p>Blocking JDBC: call off the event loop.
 */
public interface OperatorStore {

  /**
   * Stores a newly issued credential as active. A name has at most one live credential: an earlier
   * one that has expired is released first, in the same transaction.
   *
   * @throws StoreConflictException when {@code row.name()} already has an unexpired, unrevoked
   *     credential (or the serial exists)
   */
  void insert(OperatorRow row);

  /**
   * Stores {@code row} unless its serial is already known (the first credential, registered at
   * every start: a revoked one stays revoked). Returns true when it was inserted.
   *
   * @throws StoreConflictException when the name already has another live credential
   */
  boolean insertIfAbsent(OperatorRow row);

  Optional<OperatorRow> bySerial(BigInteger serial);

  /** Every credential, by name, newest first within a name. */
  List<OperatorRow> all();

  /**
   * Revokes every active credential named {@code name} in one transaction and returns them as
   * revoked. When {@code keepOneLiveAdmin} is set and the revocation would leave no live admin
   * credential at {@code at}, nothing changes and {@link LastAdminException} is thrown; the live
   * admin rows are locked while deciding, so two nodes revoking the last two admins at once cannot
   * both succeed.
   */
  List<OperatorRow> revokeByName(
      String name, String revokedBy, Instant at, boolean keepOneLiveAdmin);

  /** Thrown by {@link #revokeByName} when the last live admin credential would go. */
  final class LastAdminException extends RuntimeException {
    public LastAdminException(String message) {
      super(message, null, false, false);
    }
  }
}
