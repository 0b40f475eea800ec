package io.simca.device;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the agent enrols, kept in {@code <dir>/agent.properties} by {@code device enroll} so that
 * {@code device renew} needs nothing but the directory.
 *
 * @param attester the network attester's token endpoint base, e.g. {@code http://10.0.0.1:8081}
 * @param est the EST base, e.g. {@code https://ca:8443/.well-known/est} (or with a CA label)
 * @param trust the CA root certificate (PEM): the explicit trust anchor of RFC 7030 §4.1.1
 * @param sourceAddress the local address to send from (the cellular interface of a gateway)
 */
public record AgentConfig(URI attester, URI est, Path trust, Optional<InetAddress> sourceAddress) {

  public static final String FILE = "agent.properties";

  public AgentConfig withTrust(Path anchor) {
    return new AgentConfig(attester, est, anchor, sourceAddress);
  }

  public void save(Path dir) {
    Properties p = new Properties();
    p.setProperty("attester", attester.toString());
    p.setProperty("est", est.toString());
    p.setProperty("trust", trust.toAbsolutePath().toString());
    sourceAddress.ifPresent(a -> p.setProperty("sourceAddress", a.getHostAddress()));
    try {
      Files.createDirectories(dir);
      try (Writer w = Files.newBufferedWriter(dir.resolve(FILE))) {
        p.store(w, "simca device agent: written by 'simca device enroll'");
      }
    } catch (IOException e) {
      throw new DeviceFailure("cannot write " + dir.resolve(FILE) + ": " + e.getMessage());
    }
  }

  public static AgentConfig load(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      throw new DeviceFailure(
          "no " + file + ": enrol first with 'simca device enroll --attester URL --est URL'");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
      String source = p.getProperty("sourceAddress");
      return new AgentConfig(
          URI.create(p.getProperty("attester")),
          URI.create(p.getProperty("est")),
          Path.of(p.getProperty("trust")),
          source == null ? Optional.empty() : Optional.of(InetAddress.getByName(source)));
    } catch (IOException | RuntimeException e) {
      throw new DeviceFailure("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Parses a literal address for {@code --source-address}; names are not resolved. */
  public static InetAddress literalAddress(String text) {
    if (text == null || !text.matches("[0-9.]+|[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("source address must be an IP literal: " + text);
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("source address must be an IP literal: " + text);
    }
  }
}
