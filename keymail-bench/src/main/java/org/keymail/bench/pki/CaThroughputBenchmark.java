package org.keymail.bench.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.keymail.pki.authority.CaKey;
import org.keymail.pki.authority.CaKeyAlgorithm;
import org.keymail.pki.issue.IssuedCertificate;
import org.keymail.pki.ocsp.OcspResponder;
import org.keymail.pki.request.CsrRefusedException;
import org.keymail.pki.request.SubmitOutcome;
import org.keymail.pki.revoke.IssuedCertificateStatus;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The certificate authority's work per second beside the bare signature of its issuing key, in one
 * JVM:
 *
 * <ul>
 *   <li>{@code bareSignature}: the issuing CA key ({@link CaKey}) signs the TBSCertificate of a
 *       certificate it issued — the ceiling of everything below;
 *   <li>{@code issueSigningOnly}: {@code CertificateIssuer.issue} for an already-checked request,
 *       with a connection that stores nothing ({@link NoDatabase}): the end-entity profile, the
 *       signature, encoding and parsing — "CA signing only";
 *   <li>{@code issueStoredH2}: the same, stored in H2 in its own transaction;
 *   <li>{@code submitRequestH2}: the whole request path of an automatically approved template — the
 *       PKCS#10 check (signature, key, names), the request row, issuance and storage;
 *   <li>{@code ocspH2}: an OCSP request for a stored certificate, with a nonce, answered and signed
 *       with the status read from H2; {@code ocspStatusInMemory}: the same with the status given,
 *       so the database's share shows.
 * </ul>
 *
 * Each with the CA's keys in memory ({@code InMemoryCaKeys}, the JDK's providers) and in the vault
 * as the server holds them ({@code AuthorityKeys}, the fastest healthy provider). One thread: the
 * figures are per core, comparable with the bare signature of the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CaThroughputBenchmark {

  @Param({"EC_P256", "RSA_3072"})
  public CaKeyAlgorithm issuingKey;

  @Param({"IN_MEMORY", "VAULT"})
  public CaKeyStore keys;

  private BenchAuthority ca;
  private CaKey key;
  private SignatureAlgorithm algorithm;
  private byte[] tbsCertificate;
  private Connection noDatabase;
  private OcspResponder responderOnH2;
  private OcspResponder responderInMemory;
  private byte[] ocspRequest;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    ca = BenchAuthority.start(issuingKey, keys);
    key = ca.authority().issuingKey();
    algorithm = SignatureAlgorithm.defaultFor(key.publicKey());
    noDatabase = NoDatabase.connection();
    tbsCertificate = issueSigningOnly().certificate().getTBSCertificate();
    BigInteger serial = ca.storedSerial();
    responderOnH2 =
        OcspResponder.builder(ca.authority().issuing(), key)
            .statuses(new IssuedCertificateStatus(ca.database()))
            .build();
    responderInMemory =
        OcspResponder.builder(ca.authority().issuing(), key)
            .statuses(s -> new CertificateStatus.Good())
            .build();
    ocspRequest = ocspRequest(serial);
    for (OcspResponder responder : new OcspResponder[] {responderOnH2, responderInMemory}) {
      OCSPResp answer = new OCSPResp(responder.respond(ocspRequest));
      Object status =
          answer.getStatus() == OCSPResp.SUCCESSFUL
              ? ((BasicOCSPResp) answer.getResponseObject()).getResponses()[0].getCertStatus()
              : "response status " + answer.getStatus();
      if (status != org.bouncycastle.cert.ocsp.CertificateStatus.GOOD) {
        throw new IllegalStateException("the OCSP responder did not answer \"good\": " + status);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    ca.close();
  }

  @Benchmark
  public byte[] bareSignature() throws KeyUseException {
    return key.sign(algorithm, tbsCertificate);
  }

  @Benchmark
  public IssuedCertificate issueSigningOnly() throws SQLException, KeyUseException {
    return ca.issuer()
        .issue(noDatabase, ca.requester().subscriber(), ca.template(), ca.subscriberKey(), null);
  }

  @Benchmark
  public IssuedCertificate issueStoredH2() throws SQLException, KeyUseException {
    return ca.database()
        .inSigningTransaction(
            c ->
                ca.issuer()
                    .issue(
                        c, ca.requester().subscriber(), ca.template(), ca.subscriberKey(), null));
  }

  @Benchmark
  public SubmitOutcome submitRequestH2() throws CsrRefusedException, SQLException, KeyUseException {
    return ca.requests().submit(ca.requester(), BenchAuthority.TEMPLATE, ca.csr(), "127.0.0.1");
  }

  @Benchmark
  public byte[] ocspH2() {
    return responderOnH2.respond(ocspRequest);
  }

  @Benchmark
  public byte[] ocspStatusInMemory() {
    return responderInMemory.respond(ocspRequest);
  }

  private byte[] ocspRequest(BigInteger serial)
      throws OperatorCreationException, OCSPException, CertificateEncodingException, IOException {
    CertificateID id =
        new CertificateID(
            new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
            new JcaX509CertificateHolder(ca.authority().issuing()),
            serial);
    byte[] nonce = new byte[16];
    new java.security.SecureRandom().nextBytes(nonce);
    return new OCSPReqBuilder()
        .addRequest(id)
        .setRequestExtensions(
            new Extensions(
                // RFC 8954: the extension's value is the DER of an OCTET STRING.
                new Extension(
                    OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                    false,
                    new DEROctetString(new DEROctetString(nonce).getEncoded()))))
        .build()
        .getEncoded();
  }
}
