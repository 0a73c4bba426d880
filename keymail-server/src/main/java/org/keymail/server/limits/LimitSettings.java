package org.keymail.server.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much the server takes from one client before it says "too much" ({@code keymail.limits.*}).
 *
 * @param jsonBytes the largest JSON body of an API call
 * @param uploadBytes the largest upload (a PKCS#12 file)
 * @param pkcs12Iterations the most PBKDF iterations a PKCS#12 file may ask for (each import costs
 *     server CPU in proportion)
 * @param signInPerMinute sign-in and activation calls one client address may make per minute
 * @param signInPerAccountPerMinute sign-in starts per minute for one e-mail address, from anywhere
 * @param pkiPerMinute calls to the CA's public URLs (OCSP, CRL) per client address and minute
 */
@ConfigurationProperties("keymail.limits")
public record LimitSettings(
    long jsonBytes,
    long uploadBytes,
    int pkcs12Iterations,
    int signInPerMinute,
    int signInPerAccountPerMinute,
    int pkiPerMinute) {

  public LimitSettings {
    jsonBytes = jsonBytes > 0 ? jsonBytes : 64 * 1024;
    uploadBytes = uploadBytes > 0 ? uploadBytes : 1024 * 1024;
    pkcs12Iterations = pkcs12Iterations > 0 ? pkcs12Iterations : 600_000;
    signInPerMinute = signInPerMinute > 0 ? signInPerMinute : 30;
    signInPerAccountPerMinute = signInPerAccountPerMinute > 0 ? signInPerAccountPerMinute : 10;
    pkiPerMinute = pkiPerMinute > 0 ? pkiPerMinute : 1200;
  }
}
