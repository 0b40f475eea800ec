package io.simca.ca.store;

import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/**
 * An {@link AuditLog} that can commit events together with the store writes they record, so that
 * neither exists without the other (an issued certificate without its ALLOW event, or the reverse).
 */
interface AtomicAuditLog extends AuditLog {

  /**
   * Runs {@code alongside} first, then appends {@code entries}, in one transaction: all of it
   * commits or none.
   */
  List<AuditEvent> appendAll(List<AuditEntry> entries, List<Consumer<DSLContext>> alongside);

  @Override
  default List<AuditEvent> appendAll(List<AuditEntry> entries) {
    return appendAll(entries, List.of());
  }
}
