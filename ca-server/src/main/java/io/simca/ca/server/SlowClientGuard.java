package io.simca.ca.server;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps slow and hostile clients from holding connections. The idle timeout alone resets on every
 * byte, so a client sending one header byte every few seconds (slowloris) would never be dropped:
 * here a connection must deliver a complete request head within {@code headDeadline} of connecting
 * and of the previous response, else it is closed. A request with more header fields than {@code
 * maxHeaderCount} gets 431 (RFC 6585 §5) and the connection is closed; the byte limit of the head
 * is Vert.x's ({@code maxHeaderSize}, also 431). A request whose framing is ambiguous ({@link
 * RequestFraming}) gets 400 and the connection is closed. A listener holds at most {@code
 * maxConnections} connections (all its instances together); one more is closed on arrival.
 */
final class SlowClientGuard {

  private final Vertx vertx;
  private final long deadlineMillis;
  private final int maxHeaderCount;
  private final Handler<HttpServerRequest> next;
  private final HttpServerOptions options;
  private final String counterName;
  private final int maxConnections;
  private final Map<HttpConnection, Long> timers = new ConcurrentHashMap<>();

  /** Connections refused for their framing: nothing more is read from them, or answered. */
  private final Set<HttpConnection> closing = ConcurrentHashMap.newKeySet();

  private SlowClientGuard(
      Vertx vertx,
      HttpServerOptions options,
      String listener,
      int maxConnections,
      Duration headDeadline,
      int maxHeaderCount,
      Handler<HttpServerRequest> next) {
    this.vertx = vertx;
    this.options = options;
    this.counterName = "simca.connections." + listener;
    this.maxConnections = maxConnections;
    this.deadlineMillis = headDeadline.toMillis();
    this.maxHeaderCount = maxHeaderCount;
    this.next = next;
  }

  /** Installs the guard on {@code server} in front of {@code handler}. */
  static HttpServer install(
      Vertx vertx,
      HttpServerOptions options,
      String listener,
      int maxConnections,
      Duration headDeadline,
      int maxHeaderCount,
      Handler<HttpServerRequest> handler) {
    HttpServer server = vertx.createHttpServer(options);
    SlowClientGuard guard =
        new SlowClientGuard(
            vertx, options, listener, maxConnections, headDeadline, maxHeaderCount, handler);
    return server.connectionHandler(guard::connected).requestHandler(guard::request);
  }

  private void connected(HttpConnection connection) {
    FramingDecoder.install(connection, options);
    arm(connection);
    // One count per listener, shared by its verticle instances (a local counter of this Vert.x).
    vertx
        .sharedData()
        .getLocalCounter(counterName)
        .onSuccess(
            counter -> {
              connection.closeHandler(
                  v -> {
                    disarm(connection);
                    closing.remove(connection);
                    counter.decrementAndGet();
                  });
              counter
                  .incrementAndGet()
                  .onSuccess(
                      open -> {
                        if (open > maxConnections) {
                          connection.close();
                        }
                      });
            });
  }

  private void request(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    disarm(connection);
    if (closing.contains(connection)) {
      // A request pipelined behind a refused one: its framing cannot be trusted either.
      connection.close();
      return;
    }
    if (request.headers().size() > maxHeaderCount) {
      request
          .response()
          .setStatusCode(431)
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .putHeader("Connection", "close")
          .end("too many header fields (at most " + maxHeaderCount + ")\n");
      return;
    }
    var violation = RequestFraming.violation(request);
    if (violation.isPresent()) {
      closing.add(connection);
      request
          .response()
          .setStatusCode(400)
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .putHeader("Connection", "close")
          .end(violation.get() + "\n")
          .onComplete(v -> connection.close());
      return;
    }
    request.response().endHandler(v -> arm(connection));
    next.handle(request);
  }

  private void arm(HttpConnection connection) {
    long id =
        vertx.setTimer(
            deadlineMillis,
            t -> {
              if (timers.remove(connection, t)) {
                connection.close();
              }
            });
    Long old = timers.put(connection, id);
    if (old != null) {
      vertx.cancelTimer(old);
    }
  }

  private void disarm(HttpConnection connection) {
    Long id = timers.remove(connection);
    if (id != null) {
      vertx.cancelTimer(id);
    }
  }
}
