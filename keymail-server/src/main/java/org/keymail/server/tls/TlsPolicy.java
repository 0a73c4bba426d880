package org.keymail.server.tls;

import java.util.List;
import org.springframework.boot.ssl.SslOptions;

/**
 * What the HTTPS listener speaks: TLS 1.3, and TLS 1.2 with forward-secret AEAD suites only (no
 * CBC, no SHA-1 MAC, no static RSA key exchange). Client-initiated renegotiation is refused ({@link
 * #refuseClientRenegotiation()}); TLS 1.3 has none.
 */
public final class TlsPolicy {

  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  public static final List<String> CIPHERS =
      List.of(
          // TLS 1.3
          "TLS_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_CHACHA20_POLY1305_SHA256",
          // TLS 1.2: ECDHE with AES-GCM or ChaCha20-Poly1305
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private TlsPolicy() {}

  /** The protocols and suites as Spring Boot's SSL bundle options. */
  public static SslOptions options() {
    return SslOptions.of(CIPHERS.toArray(String[]::new), PROTOCOLS.toArray(String[]::new));
  }

  /**
   * Tells the JDK's TLS to refuse renegotiation a client starts (a CPU-cost lever for a client, of
   * no use to keymail's). The JDK reads the setting once, when its TLS classes load, so this runs
   * first thing when the server starts.
   */
  public static void refuseClientRenegotiation() {
    System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
  }
}
