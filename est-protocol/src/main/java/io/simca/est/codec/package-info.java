/**
 * EST (RFC 7030, RFC 8951) wire formats: tolerant base64 bodies, PKCS#10 requests with proof of
 * possession, PKCS#7 certs-only responses, CSR attributes, and the key types the CA accepts. No
 * HTTP and no server here: a device-side client can use the same classes.
 */
package io.simca.est.codec;
