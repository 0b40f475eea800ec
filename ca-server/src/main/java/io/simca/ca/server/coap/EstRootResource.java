package io.simca.ca.server.coap;

import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * {@code /.well-known/est} (RFC 9148 §4.1): the operations as children, and the label form {@code
 * /.well-known/est/<label>/<op>} resolved to the same operation resources, which read the label
 * from the path (so an unknown label gets 4.04 with a reason, and an audit record on /sen and
 * /sren). Labels follow the HTTPS routes' syntax; only the unlabelled operations are listed in
 * {@code /.well-known/core}, since labels are the CA's, not fixed resources.
 */
final class EstRootResource extends CoapResource {

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._~-]{1,64}");

  private final LabelResource labelled = new LabelResource();

  EstRootResource(List<CoapResource> operations) {
    super("est");
    setVisible(false);
    operations.forEach(this::add);
  }

  @Override
  public Resource getChild(String name) {
    Resource operation = super.getChild(name);
    if (operation != null) {
      return operation;
    }
    return LABEL.matcher(name).matches() ? labelled : null;
  }

  @Override
  public void handleRequest(Exchange exchange) {
    exchange.sendResponse(new Response(ResponseCode.NOT_FOUND));
  }

  /** {@code /.well-known/est/<label>}: routes to the operations; not a resource of its own. */
  private final class LabelResource extends CoapResource {

    LabelResource() {
      super("label");
      setVisible(false);
    }

    @Override
    public Resource getChild(String name) {
      return EstRootResource.super.getChild(name);
    }

    @Override
    public void handleRequest(Exchange exchange) {
      exchange.sendResponse(new Response(ResponseCode.NOT_FOUND));
    }
  }
}
