package io.simca.attester.session;

/** What one accounting record did to the session table (counted in /metrics). */
public enum SessionChange {
  STARTED,
  REFRESHED,
  STOPPED,
  /** Accounting-On/Off: every session of that NAS ended. */
  NAS_RESET,
  /** A Stop for a connection the table does not hold (already stopped, or the IP moved on). */
  UNKNOWN_STOP,
  /** Start/Interim-Update without the attributes a token needs (IP, IMSI, IMEISV, session id). */
  INCOMPLETE
}
