package io.simca.ca.config;

/**
 * The EST-coaps listener (RFC 9148): CoAP over DTLS 1.2 on UDP. Off when {@code enabled} is false.
 *
 * @param maxBodyBytes largest request body reassembled from Block1 blocks (RFC 7959 §2.3); a larger
 *     one is refused with 4.13 and Size1
 * @param blockSize preferred block size for Block1/Block2 (RFC 7959 §2.2: a power of two, 16..1024)
 * @param maxPeers most DTLS connections kept at once (each holds session state)
 */
public record CoapListenerConfig(
    boolean enabled, String host, int port, int maxBodyBytes, int blockSize, int maxPeers) {

  public ListenerConfig listener() {
    return new ListenerConfig(host, port);
  }
}
