package io.simca.ca.server;

import io.simca.ca.admin.AdminServices;
import io.simca.ca.crl.CrlService;
import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.issue.IssuanceEngine;
import io.simca.ca.ocsp.OcspPresigner;
import io.simca.ca.ocsp.OcspResponseSigner;
import io.simca.ca.ocsp.OcspService;
import io.simca.ca.policy.AttesterKeys;
import io.simca.ca.policy.EnrollmentAuthorizer;
import io.simca.ca.policy.SimAttestationAuthorizer;
import io.simca.ca.revocation.RevocationService;
import io.simca.ca.revocation.RevocationServiceImpl;
import io.simca.ca.server.admin.OperatorGate;
import io.simca.ca.server.est.ClientCertificates;

/**
 * The long-lived domain services the routes call (issuance, revocation, OCSP, CRL, admin), created
 * once per process by {@link #create} and shared by every verticle instance.
 */
public record CaServices(
    ServerContext ctx,
    OcspPresigner ocspPresigner,
    OcspService ocsp,
    CrlService crl,
    RevocationService revocation,
    AdminServices admin,
    AttesterKeys attesterKeys,
    IssuanceEngine issuance,
    ClientCertificates clientCertificates,
    OperatorGate operatorGate,
    io.simca.ca.audit.AuditCheckpoints auditCheckpoints) {

  /** How often the audit chain's head is signed into a checkpoint (when it moved). */
  private static final long CHECKPOINT_MS = 60_000;

  /**
   * How often the attester folders are checked for changes (DESIGN.md: re-read when the folder
   * changes).
   */
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CaServices.class);

  private static final long ATTESTER_POLL_MS = 2_000;

  /** How soon a rotated issuing CA copied into the data dir signs on this node. */
  private static final long HIERARCHY_POLL_MS = 5_000;

  private static final long JTI_PURGE_MS = 5 * 60_000;

  /**
   * A reservation older than this that is still {@code reserved} was left by a crash: an enrolment
   * takes seconds, and its client gave up long before.
   */
  static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofMinutes(10);

  static CaServices create(ServerContext ctx) {
    OcspPresigner presigner =
        new OcspPresigner(
            new OcspResponseSigner(CryptoProviders.get()), ctx.config().ocsp().validity());
    CrlService crl =
        new CrlService(
            ctx.hierarchyRef()::get,
            ctx.stores(),
            ctx.config().crl(),
            ctx.config().server().effectivePublicUrl(),
            ctx.clock(),
            ctx.metrics());
    OcspService ocsp =
        new OcspService(
            ctx.hierarchyRef(),
            ctx.dataDir(),
            ctx.keys(),
            ctx.stores(),
            presigner,
            ctx.config().ocsp(),
            ctx.config().ca().ocspResponderRenewBefore(),
            ctx.clock(),
            row -> crl.scheduleRefresh(row.caId()));
    RevocationService revocation =
        new RevocationServiceImpl(
            ctx.hierarchyRef()::get,
            ctx.stores(),
            ocsp.refresher(),
            ocsp.cache(),
            crl,
            ctx.clock());
    AttesterKeys attesters =
        AttesterKeys.load(
            AttesterKeys.defaultDirs(ctx.dataDir()), ctx.config().policy().attesters());
    EnrollmentAuthorizer authorizer =
        new SimAttestationAuthorizer(
            ctx.config().policy(), ctx.config().profile(), attesters, ctx.stores(), ctx.clock());
    // A freshly committed response goes straight into this node's OCSP cache.
    IssuanceEngine issuance =
        new IssuanceEngine(
            ctx.config(),
            ctx::hierarchy,
            ctx.stores(),
            authorizer,
            presigner,
            ctx.clock(),
            ocsp.cacheHook(),
            ocsp.rootResponses()::revoked);
    ClientCertificates clientCertificates =
        new ClientCertificates(ctx::hierarchy, ctx.stores().certs(), ctx.clock());
    io.simca.ca.audit.AuditCheckpoints checkpoints =
        io.simca.ca.audit.AuditCheckpoints.open(ctx.dataDir().root().resolve("audit"), ctx.clock());
    AdminServices admin =
        AdminServices.create(
            ctx.stores(), ctx::hierarchy, ctx.clock(), java.util.Optional.of(checkpoints));
    return new CaServices(
        ctx,
        presigner,
        ocsp,
        crl,
        revocation,
        admin,
        attesters,
        issuance,
        clientCertificates,
        new OperatorGate(
            admin.operators(), ctx.stores().audit(), ctx.bulkheads().admin(), ctx.clock()),
        checkpoints);
  }

  /** Starts background duties (schedules, listeners). Called once, after the listeners are up. */
  void start() {
    ocsp.start();
    crl.start();
    ctx.vertx()
        .setPeriodic(ATTESTER_POLL_MS, id -> ctx.blocking().run(attesterKeys::reloadIfChanged));
    HierarchyReload hierarchyReload = new HierarchyReload(ctx);
    ctx.vertx()
        .setPeriodic(
            HIERARCHY_POLL_MS,
            id ->
                ctx.blocking()
                    .run(hierarchyReload::reloadIfChanged)
                    .onFailure(e -> LOG.warn("hierarchy reload failed: {}", e.toString())));
    // Used jtis only matter while their token could still verify (exp + clock skew): forget the
    // rest, at start and every few minutes, or the replay table grows with every enrolment ever.
    purgeUsedJtis();
    ctx.vertx().setPeriodic(JTI_PURGE_MS, id -> purgeUsedJtis());
    dropAbandonedReservations();
    ctx.vertx().setPeriodic(JTI_PURGE_MS, id -> dropAbandonedReservations());
    ctx.vertx()
        .setPeriodic(
            CHECKPOINT_MS,
            id ->
                ctx.blocking()
                    .run(this::checkpointAudit)
                    .onFailure(e -> LOG.warn("audit checkpoint failed: {}", e.toString())));
  }

  /** Signs the audit head into a checkpoint if it moved; blocking. */
  public java.util.Optional<io.simca.ca.audit.AuditCheckpoints.Checkpoint> checkpointAudit() {
    return auditCheckpoints.writeIfMoved(ctx.stores().audit());
  }

  /** Deletes reservations a crash left behind, each with an audit event saying so. */
  private void dropAbandonedReservations() {
    ctx.blocking()
        .run(
            () -> {
              var dropped =
                  ctx.stores()
                      .certs()
                      .deleteReservationsBefore(
                          ctx.clock().instant().minus(ABANDONED_AFTER),
                          r ->
                              io.simca.ca.store.AuditEntry.builder(
                                      "reservation_abandoned",
                                      "system",
                                      io.simca.ca.store.AuditOutcome.OK)
                                  .serial(r.serial())
                                  .iccid(r.iccid())
                                  .detail(
                                      "reserved at "
                                          + r.reservedAt()
                                          + ", never stored as issued (a crash in between):"
                                          + " removed")
                                  .build());
              if (!dropped.isEmpty()) {
                LOG.warn("removed {} reservation(s) a crash left behind", dropped.size());
              }
              return dropped.size();
            })
        .onFailure(e -> LOG.warn("removing abandoned reservations failed: {}", e.toString()));
  }

  private void purgeUsedJtis() {
    ctx.blocking()
        .run(
            () ->
                ctx.stores()
                    .jtis()
                    .purgeExpired(ctx.clock().instant().minus(ctx.config().policy().clockSkew())))
        .onFailure(e -> LOG.warn("purging used attestation jtis failed: {}", e.toString()));
  }

  /** Stops background duties before the store closes. */
  void stop() {
    ocsp.stop();
    crl.stop();
    try {
      checkpointAudit(); // the last head before the store closes
    } catch (RuntimeException e) {
      LOG.warn("audit checkpoint at shutdown failed: {}", e.toString());
    }
  }
}
