package io.simca.ca.server.coap;

import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts enrolments under way so a shutdown can let them finish (each answers only after its
 * certificate is committed) while new ones are turned away with 5.03 and Max-Age.
 */
final class InFlight {

  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private int running;
  private boolean closing;

  /** False once closing: the caller refuses the request. */
  boolean enter() {
    lock.lock();
    try {
      if (closing) {
        return false;
      }
      running++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  void exit() {
    lock.lock();
    try {
      if (--running == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Refuses new work and waits up to {@code grace} for what runs; true if all finished. */
  boolean close(Duration grace) throws InterruptedException {
    lock.lock();
    try {
      closing = true;
      long nanos = grace.toNanos();
      while (running > 0 && nanos > 0) {
        nanos = idle.awaitNanos(nanos);
      }
      return running == 0;
    } finally {
      lock.unlock();
    }
  }

  static CaException shuttingDown() {
    return new CaException(
        ErrorKind.UNAVAILABLE,
        "shutting_down",
        "server is shutting down, retry later",
        RETRY_AFTER);
  }
}
