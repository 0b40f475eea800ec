package io.simca.attester.radius;

import java.util.Optional;

/** Acct-Status-Type values the attester acts on (RFC 2866 §5.1; RFC 2866 also has 7/8 below). */
public enum AccountingStatus {
  START(1),
  STOP(2),
  INTERIM_UPDATE(3),
  /** The NAS rebooted or its accounting began: every session it reported before is gone. */
  ACCOUNTING_ON(7),
  /** The NAS is about to stop accounting: its sessions end too. */
  ACCOUNTING_OFF(8);

  private final int code;

  AccountingStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<AccountingStatus> of(int code) {
    for (AccountingStatus s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
