package io.simca.est.codec;

/**
 * {@link EstBase64} could not turn a body into DER: it was empty ({@link Reason#EMPTY}) or not
 * base64 ({@link Reason#NOT_BASE64}). A subtype of {@link EstRequestException} so the server maps
 * it like any other bad request; unchecked for the same reasons.
 */
public final class EstDecodingException extends EstRequestException {

  public EstDecodingException(Reason reason, String message) {
    super(reason, message);
  }
}
