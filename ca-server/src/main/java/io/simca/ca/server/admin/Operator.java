package io.simca.ca.server.admin;

import io.simca.ca.pki.OperatorRole;

/** The authenticated operator behind an admin request: its certificate's CN and role. */
public record Operator(String name, OperatorRole role, String serialHex) {

  /** How audit records name the actor. */
  public String actor() {
    return "operator:" + name + "(" + role.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
