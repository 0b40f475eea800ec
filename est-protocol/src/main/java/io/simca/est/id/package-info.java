/**
 * Cellular identifiers (ICCID, IMEI, IMSI) as validated value types, so that a string that failed
 * its check digit can never reach the CA, the store or a certificate.
 */
package io.simca.est.id;
