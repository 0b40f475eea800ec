package io.simca.ca.testing;

import io.simca.ca.admin.IssuedOperator;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.OperatorCredential;
import io.simca.ca.pki.OperatorRole;
import java.nio.file.Files;

/**
 * Operator credentials for tests, issued by the node's own {@code OperatorRegistry} (the service
 * behind {@code POST /admin/v1/operators}: signed, stored and audited like any other) and written
 * to {@code <data>/operators/<name>.p12} + {@code .pass}. Asking again for a name already on disk
 * returns that credential.
 */
public final class TestOperators {

  private TestOperators() {}

  public static synchronized OperatorCredential issue(
      TestServer node, String name, OperatorRole role) {
    DataDir dir = node.dataDir();
    if (Files.exists(dir.operatorP12(name))) {
      return new OperatorCredential(
          name, role, dir.operatorP12(name), dir.operatorPass(name), null);
    }
    OperatorCredential.Request req = OperatorCredential.newRequest(name);
    IssuedOperator issued =
        node.server()
            .services()
            .admin()
            .operators()
            .issue(name, role, 30, req.csrDer(), "test:" + name);
    return OperatorCredential.write(
        name,
        role,
        req.keyPair().getPrivate(),
        issued.chain(),
        dir.operatorP12(name),
        dir.operatorPass(name));
  }
}
