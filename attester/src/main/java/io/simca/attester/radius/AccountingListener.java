package io.simca.attester.radius;

import io.simca.attester.AttesterMetrics;
import io.simca.attester.session.SessionChange;
import io.simca.attester.session.SessionTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.PacketCodecException;
import org.aaa4j.radius.core.packet.packets.AccountingRequest;
import org.aaa4j.radius.core.packet.packets.AccountingResponse;
import org.aaa4j.radius.server.RadiusServer;
import org.aaa4j.radius.server.servers.UdpRadiusServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RADIUS accounting server (RFC 2866) the packet core reports sessions to. aaa4j-radius does
 * the wire work: it decodes the packet, checks the Request Authenticator against the shared secret
 * (RFC 2866 §3) and answers a retransmission (same client, same bytes) from its cache instead of
 * handing it to us twice (RFC 2866 §2, RFC 5080 §2.2.2). A packet with a wrong authenticator is
 * dropped silently, as RFC 2866 §3 requires, and counted.
 */
public final class AccountingListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AccountingListener.class);

  private final UdpRadiusServer server;
  private final ExecutorService workers;

  private AccountingListener(UdpRadiusServer server, ExecutorService workers) {
    this.server = server;
    this.workers = workers;
  }

  /**
   * Binds {@code bind} and starts answering.
   *
   * @throws IllegalStateException when the address cannot be bound
   */
  public static AccountingListener start(
      InetSocketAddress bind, byte[] sharedSecret, SessionTable sessions, AttesterMetrics metrics)
      throws InterruptedException {
    ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    AtomicReference<Exception> failure = new AtomicReference<>();
    UdpRadiusServer server =
        UdpRadiusServer.newBuilder()
            .bindAddress(bind)
            .executor(workers)
            .handler(new Handler(sharedSecret.clone(), sessions, metrics, failure))
            .build();
    AccountingListener listener = new AccountingListener(server, workers);
    server.start();
    if (!server.isRunning()) {
      workers.shutdownNow();
      Exception e = failure.get();
      throw new IllegalStateException(
          "cannot listen for RADIUS accounting on UDP "
              + bind
              + (e == null ? "" : ": " + e.getMessage()));
    }
    return listener;
  }

  @Override
  public void close() throws InterruptedException {
    server.stop();
    workers.shutdown();
  }

  private record Handler(
      byte[] secret,
      SessionTable sessions,
      AttesterMetrics metrics,
      AtomicReference<Exception> failure)
      implements RadiusServer.Handler {

    @Override
    public byte[] handleClient(InetAddress client) {
      return secret;
    }

    @Override
    public Packet handlePacket(InetAddress client, Packet request) {
      if (!(request instanceof AccountingRequest)) {
        // An accounting port answers nothing else (RFC 2866 §4: Accounting-Request only).
        metrics.radiusDropped("not_accounting");
        return null;
      }
      Optional<AccountingRecord> record = AccountingRecords.read(client, request);
      if (record.isEmpty()) {
        metrics.radiusDropped("unknown_status_type");
        return null;
      }
      // Throws if the journal cannot record it: then no response, and the NAS retransmits.
      SessionChange change = sessions.apply(record.get());
      metrics.accounting(change);
      if (change == SessionChange.INCOMPLETE) {
        LOG.warn(
            "accounting {} from {} lacks Framed-IP-Address, Acct-Session-Id, 3GPP-IMSI or"
                + " 3GPP-IMEISV: recorded, no session",
            record.get().status(),
            client.getHostAddress());
      }
      // RFC 2866 §2: respond once the packet is recorded, even when it changes nothing.
      return new AccountingResponse(List.of());
    }

    @Override
    public void handleException(Exception e) {
      if (e instanceof PacketCodecException) {
        String message = String.valueOf(e.getMessage());
        metrics.radiusDropped(
            message.contains("authenticator") ? "bad_authenticator" : "malformed");
        LOG.debug("RADIUS packet dropped: {}", message);
        return;
      }
      failure.compareAndSet(null, e);
      LOG.warn("RADIUS accounting: {}", e.toString());
    }
  }
}
