/** TLS client contexts with explicit trust anchors, shared by simca's clients. */
package io.simca.est.tls;
