package io.simca.ca.store;

import java.util.List;
import java.util.Optional;

/**
 * The CA hierarchy as the store knows it: which CA ids (SKIs) exist, their label and generation,
 * and whether they still issue. Key material never comes here.
 *
 * <p>Blocking JDBC: call off the event loop.
 */
public interface CaStore {

  /** Inserts the CA, or updates every column but {@code created_at} if the id exists. */
  void upsert(CaRecordValue ca);

  /** All CAs, by label then generation. */
  List<CaRow> all();

  Optional<CaRow> byId(String id);
}
