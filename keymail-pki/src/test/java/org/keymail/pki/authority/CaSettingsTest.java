package org.keymail.pki.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CaSettingsTest {

  @Test
  void defaultsNameTheCasAfterTheOrganisationWithP384AndP256Keys() {
    CaSettings settings =
        CaSettings.builder()
            .organisation("Example Org")
            .publicBaseUrl(URI.create("http://mail.example.org:8080/"))
            .build();

    assertThat(settings.rootSubject()).isEqualTo("O=Example Org,CN=Example Org Root CA");
    assertThat(settings.issuingSubject()).isEqualTo("O=Example Org,CN=Example Org Issuing CA");
    assertThat(settings.rootKeyAlgorithm()).isEqualTo(CaKeyAlgorithm.EC_P384);
    assertThat(settings.issuingKeyAlgorithm()).isEqualTo(CaKeyAlgorithm.EC_P256);
    assertThat(settings.crlValidity()).isEqualTo(Duration.ofDays(7));
    assertThat(settings.crlUrl()).isEqualTo(URI.create("http://mail.example.org:8080/pki/crl"));
    assertThat(settings.ocspUrl()).isEqualTo(URI.create("http://mail.example.org:8080/pki/ocsp"));
    assertThat(settings.issuingCertificateUrl())
        .isEqualTo(URI.create("http://mail.example.org:8080/pki/issuing.crt"));
  }

  @Test
  void theDefaultPolicyIsAStableUuidOidOfTheOrganisation() {
    String first = settings("Example Org").policyOid();

    assertThat(first).startsWith("2.25.");
    assertThat(settings("Example Org").policyOid()).isEqualTo(first);
    assertThat(settings("Other Org").policyOid()).isNotEqualTo(first);
  }

  @Test
  void refusesTheCaBrowserForumsReservedPolicies() {
    assertThatThrownBy(() -> builder().policyOid("2.23.140.1.5.4.2").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the certificate policy 2.23.140.1.5.4.2 is reserved by the CA/Browser Forum for"
                + " publicly trusted CAs; give the organisation's own policy OID");
  }

  @Test
  void refusesAnHttpsBaseUrlBecauseRelyingPartiesFetchCrlsWithoutTls() {
    assertThatThrownBy(
            () -> builder().publicBaseUrl(URI.create("https://mail.example.org")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the CA's public base URL must be a plain http:// address relying parties can fetch"
                + " without TLS, not https://mail.example.org");
  }

  @Test
  void refusesKeyAlgorithmsTheIssueDoesNotAllowForEachCa() {
    assertThatThrownBy(() -> builder().rootKeyAlgorithm(CaKeyAlgorithm.EC_P256).build())
        .hasMessage("the root CA key must be ec-p384 or rsa-4096, not ec-p256");
    assertThatThrownBy(() -> builder().issuingKeyAlgorithm(CaKeyAlgorithm.RSA_4096).build())
        .hasMessage("the issuing CA key must be ec-p256 or rsa-3072, not rsa-4096");
  }

  @Test
  void refusesMissingOrganisationAndCrlRefreshLongerThanItsValidity() {
    assertThatThrownBy(
            () -> CaSettings.builder().publicBaseUrl(URI.create("http://x.example")).build())
        .hasMessage("the organisation's name is missing");
    assertThatThrownBy(() -> builder().crlRefresh(Duration.ofDays(8)).build())
        .hasMessage(
            "the CRL refresh period (PT192H) must be shorter than its validity (PT168H), or"
                + " relying parties see an expired CRL");
  }

  private static CaSettings.Builder builder() {
    return CaSettings.builder()
        .organisation("Example Org")
        .publicBaseUrl(URI.create("http://mail.example.org:8080"));
  }

  private static CaSettings settings(String organisation) {
    return builder().organisation(organisation).build();
  }
}
