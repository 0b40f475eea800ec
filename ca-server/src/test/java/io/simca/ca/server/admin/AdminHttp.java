package io.simca.ca.server.admin;

import io.simca.ca.crypto.KeyFiles;
import io.simca.ca.crypto.SigningKey;
import io.simca.ca.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** An admin API client over mTLS with an operator's PKCS#12 credential (a real JDK HttpClient). */
record AdminHttp(HttpClient client, String base) {

  static AdminHttp of(TestServer node, Path p12, Path passFile) throws Exception {
    char[] pass = KeyFiles.readPassphrase(passFile);
    SigningKey key = KeyFiles.readPkcs12(p12, pass);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("op", key.key(), pass, key.chain().toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pass);
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("root", node.root());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    // HTTP/1.1 with keep-alive, as the CLI and the attester talk to the admin listener.
    return new AdminHttp(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl).build(),
        node.adminBase());
  }

  static AdminHttp of(TestServer node, String operator) throws Exception {
    return of(node, node.dataDir().operatorP12(operator), node.dataDir().operatorPass(operator));
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, JsonObject body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The problem's {@code title} (the reason code) of an error answer. */
  static String title(HttpResponse<String> r) {
    return new JsonObject(r.body()).getString("title");
  }
}
