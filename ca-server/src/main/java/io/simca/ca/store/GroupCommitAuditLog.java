package io.simca.ca.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/**
 * Group commit for the audit chain. Every append takes the chain head's row lock for one
 * transaction, so concurrent enrolments queue on it; here, whoever holds the writer lock appends
 * everything queued so far in one {@link AuditLog#appendAll} transaction, and the callers whose
 * entries it carried return as soon as that commit is done. Each caller still returns only after
 * its own entry is durable (the guarantee {@link AuditLog#append} gives); only the number of
 * transactions shrinks. No extra thread: the lock holder does the writing. An entry may carry the
 * store write it records ({@link #appendWith}), e.g. an issued certificate, so that the write and
 * its audit event commit together.
 */
final class GroupCommitAuditLog implements AuditLog {

  /** Upper bound of one transaction, so a long queue cannot hold the head lock for long. */
  static final int MAX_BATCH = 256;

  /** An entry and, optionally, the store write it records (committed with it). */
  private record Pending(
      AuditEntry entry, Consumer<DSLContext> alongside, CompletableFuture<AuditEvent> done) {}

  private final AtomicAuditLog delegate;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writer = new ReentrantLock();

  GroupCommitAuditLog(AtomicAuditLog delegate) {
    this.delegate = delegate;
  }

  @Override
  public AuditEvent append(AuditEntry entry) {
    return appendWith(entry, null);
  }

  /**
   * Appends {@code entry} in the same transaction as {@code alongside} (run first, may be {@code
   * null}); returns once both are committed.
   */
  AuditEvent appendWith(AuditEntry entry, Consumer<DSLContext> alongside) {
    Pending mine = new Pending(entry, alongside, new CompletableFuture<>());
    queue.add(mine);
    while (!mine.done().isDone()) {
      writer.lock();
      try {
        if (!mine.done().isDone()) {
          writeQueued();
        }
      } finally {
        writer.unlock();
      }
    }
    try {
      return mine.done().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private void writeQueued() {
    List<Pending> batch = new ArrayList<>();
    for (Pending p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
      batch.add(p);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      commit(batch);
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).done().completeExceptionally(e);
        return;
      }
      // Nothing of the batch was committed (one transaction). One caller's write may be what
      // failed (e.g. a serial no longer reserved): commit each alone, so only it sees the failure.
      for (Pending p : batch) {
        try {
          commit(List.of(p));
        } catch (RuntimeException alone) {
          p.done().completeExceptionally(alone);
        }
      }
    }
  }

  private void commit(List<Pending> batch) {
    List<Consumer<DSLContext>> alongside =
        batch.stream().map(Pending::alongside).filter(Objects::nonNull).toList();
    List<AuditEvent> events =
        delegate.appendAll(batch.stream().map(Pending::entry).toList(), alongside);
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(events.get(i));
    }
  }

  @Override
  public List<AuditEvent> appendAll(List<AuditEntry> entries) {
    return delegate.appendAll(entries);
  }

  @Override
  public List<AuditEvent> list(AuditFilter filter, long afterSeq, int limit) {
    return delegate.list(filter, afterSeq, limit);
  }

  @Override
  public VerifyResult verify() {
    return delegate.verify();
  }

  @Override
  public java.util.Optional<AuditEvent> newest() {
    return delegate.newest();
  }
}
