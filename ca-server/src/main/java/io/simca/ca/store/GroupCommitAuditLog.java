package io.simca.ca.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for the audit chain. Every append takes the chain head's row lock for one
 * transaction, so concurrent enrolments queue on it; here, whoever holds the writer lock appends
 * everything queued so far in one {@link AuditLog#appendAll} transaction, and the callers whose
 * entries it carried return as soon as that commit is done. Each caller still returns only after
 * its own entry is durable (the guarantee {@link AuditLog#append} gives); only the number of
 * transactions shrinks. No extra thread: the lock holder does the writing.
 */
final class GroupCommitAuditLog implements AuditLog {

  /** Upper bound of one transaction, so a long queue cannot hold the head lock for long. */
  static final int MAX_BATCH = 256;

  private record Pending(AuditEntry entry, CompletableFuture<AuditEvent> done) {}

  private final AuditLog delegate;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writer = new ReentrantLock();

  GroupCommitAuditLog(AuditLog delegate) {
    this.delegate = delegate;
  }

  @Override
  public AuditEvent append(AuditEntry entry) {
    Pending mine = new Pending(entry, new CompletableFuture<>());
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
      List<AuditEvent> events = delegate.appendAll(batch.stream().map(Pending::entry).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).done().complete(events.get(i));
      }
    } catch (RuntimeException e) {
      // Nothing of the batch was committed (one transaction): every caller sees the failure.
      batch.forEach(p -> p.done().completeExceptionally(e));
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
}
