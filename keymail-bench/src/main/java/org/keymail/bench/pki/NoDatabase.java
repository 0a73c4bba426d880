package org.keymail.bench.pki;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Savepoint;

/**
 * A JDBC connection that stores nothing and answers every update with "one row", so the CA's own
 * issuance path ({@code CertificateIssuer.issue}) can be measured for its signing work alone:
 * profile, signature, encoding, without a database round trip. For benchmarks only.
 */
final class NoDatabase {

  private NoDatabase() {}

  static Connection connection() {
    return proxy(Connection.class);
  }

  private static <T> T proxy(Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            NoDatabase.class.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              Class<?> answer = method.getReturnType();
              if (answer == PreparedStatement.class) {
                return proxy(PreparedStatement.class);
              }
              if (answer == Savepoint.class) {
                return proxy(Savepoint.class);
              }
              if (answer == int.class) {
                return 1; // executeUpdate: one row written
              }
              if (answer == long.class) {
                return 1L;
              }
              if (answer == boolean.class) {
                return false;
              }
              if (method.getName().equals("toString")) {
                return "NoDatabase." + type.getSimpleName();
              }
              return null;
            }));
  }
}
