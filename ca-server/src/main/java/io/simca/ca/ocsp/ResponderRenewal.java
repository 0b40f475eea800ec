package io.simca.ca.ocsp;

import io.simca.ca.crypto.SigningKey;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyService;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each active issuing CA's delegated OCSP responder certificate valid: renews it when it is
 * within {@code renewBefore} of expiry, then swaps in the reloaded hierarchy. Also notices a
 * renewal another node (sharing the data dir) made. Returns the CAs whose responder changed, so
 * their responses can be re-signed with the new certificate embedded (RFC 6960 §4.2.2.2).
 */
public final class ResponderRenewal {

  private static final Logger LOG = LoggerFactory.getLogger(ResponderRenewal.class);

  private final DataDir dataDir;
  private final AtomicReference<LoadedHierarchy> hierarchyRef;
  private final HierarchyService hierarchyService;
  private final Duration renewBefore;

  public ResponderRenewal(
      DataDir dataDir,
      AtomicReference<LoadedHierarchy> hierarchyRef,
      HierarchyService hierarchyService,
      Duration renewBefore) {
    this.dataDir = dataDir;
    this.hierarchyRef = hierarchyRef;
    this.hierarchyService = hierarchyService;
    this.renewBefore = renewBefore;
  }

  /** Renews what is due; returns the key ids of the CAs whose responder certificate changed. */
  public List<String> renewDue() {
    List<String> changed = new ArrayList<>();
    LoadedHierarchy current = hierarchyRef.get();
    for (IssuingCa ca : current.all()) {
      if (!ca.active()) {
        continue;
      }
      Optional<X509Certificate> renewed =
          hierarchyService.renewOcspResponderIfDue(dataDir, ca.label(), renewBefore);
      renewed.ifPresent(
          c ->
              LOG.info(
                  "renewed OCSP responder certificate of {} (valid until {})",
                  ca.label(),
                  c.getNotAfter().toInstant()));
      if (renewed.isPresent() || differsOnDisk(ca)) {
        changed.add(ca.keyId());
      }
    }
    if (!changed.isEmpty()) {
      hierarchyRef.set(hierarchyService.load(dataDir));
    }
    return changed;
  }

  private boolean differsOnDisk(IssuingCa ca) {
    if (!Files.isRegularFile(dataDir.ocspCert(ca.label()))) {
      return false;
    }
    X509Certificate onDisk = io.simca.ca.crypto.Pem.readCertificate(dataDir.ocspCert(ca.label()));
    return !ca.ocspResponder().map(SigningKey::cert).map(onDisk::equals).orElse(false);
  }
}
