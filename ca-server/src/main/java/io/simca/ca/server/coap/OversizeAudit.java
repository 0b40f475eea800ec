package io.simca.ca.server.coap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.simca.ca.issue.IssuanceEngine;
import io.simca.ca.policy.EnrollmentRequest;
import io.simca.ca.server.Blocking;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.interceptors.MessageInterceptor;

/**
 * Audits enrolments that Californium's block-wise layer refuses before any resource sees them: a
 * CSR whose Block1 blocks (or announced Size1) exceed {@code server.coap.maxBodyBytes} gets 4.13
 * (RFC 7959 §2.9.3) from the layer itself. Every Block1 request to {@code /sen} or {@code /sren} is
 * remembered by peer and token until its response goes out; a 4.13 among those responses is audited
 * like the HTTPS listener's {@code body_too_large}.
 */
final class OversizeAudit implements MessageInterceptor {

  private record Key(InetSocketAddress peer, Token token) {}

  private final Cache<Key, EnrollmentRequest.Kind> pending;
  private final IssuanceEngine engine;
  private final Blocking blocking;
  private final int maxBodyBytes;

  OversizeAudit(IssuanceEngine engine, Blocking blocking, int maxBodyBytes, int maxPeers) {
    this.engine = engine;
    this.blocking = blocking;
    this.maxBodyBytes = maxBodyBytes;
    // Bounded either way: a block whose response never leaves (a dropped duplicate) expires.
    this.pending =
        Caffeine.newBuilder().maximumSize(maxPeers).expireAfterWrite(Duration.ofMinutes(5)).build();
  }

  @Override
  public void receiveRequest(Request request) {
    if (!request.getOptions().hasBlock1()) {
      return;
    }
    List<String> path = request.getOptions().getUriPath();
    EnrollmentRequest.Kind kind =
        path.isEmpty()
            ? null
            : switch (path.get(path.size() - 1)) {
              case "sen" -> EnrollmentRequest.Kind.ENROLL;
              case "sren" -> EnrollmentRequest.Kind.REENROLL;
              default -> null;
            };
    if (kind != null && path.size() >= 3 && "est".equals(path.get(1))) {
      pending.put(new Key(request.getSourceContext().getPeerAddress(), request.getToken()), kind);
    }
  }

  @Override
  public void sendResponse(Response response) {
    if (response.getDestinationContext() == null || response.getToken() == null) {
      return;
    }
    Key key = new Key(response.getDestinationContext().getPeerAddress(), response.getToken());
    EnrollmentRequest.Kind kind = pending.asMap().remove(key);
    if (kind == null || response.getCode() != ResponseCode.REQUEST_ENTITY_TOO_LARGE) {
      return;
    }
    CaException error =
        new CaException(
            ErrorKind.PAYLOAD_TOO_LARGE,
            "body_too_large",
            "body_too_large: CSR larger than " + maxBodyBytes + " bytes");
    String address = key.peer().getAddress().getHostAddress();
    blocking.run(
        () -> {
          engine.auditRejected(kind, address, error);
          return null;
        });
  }

  @Override
  public void sendRequest(Request request) {}

  @Override
  public void sendEmptyMessage(EmptyMessage message) {}

  @Override
  public void receiveResponse(Response response) {}

  @Override
  public void receiveEmptyMessage(EmptyMessage message) {}
}
