package io.simca.ca.store;

/**
 * A database for one test: settings to open it with and how to throw it away afterwards (drop the
 * PostgreSQL schema; the H2 temp dir is JUnit's). Close the {@link Stores} first.
 *
 * @param name {@code h2} or {@code postgres}, for test names
 * @param settings what to pass to {@link Stores#open(StoreSettings)}
 */
public record StoreTarget(String name, StoreSettings settings, Runnable cleanup)
    implements AutoCloseable {

  @Override
  public void close() {
    cleanup.run();
  }

  @Override
  public String toString() {
    return name;
  }
}
