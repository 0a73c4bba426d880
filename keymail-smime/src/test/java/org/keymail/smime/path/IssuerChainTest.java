package org.keymail.smime.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;

/**
 * A certificate's issuers among those at hand: nearest first, up to the root, as far as they go.
 */
class IssuerChainTest {

  private static final TestPki PKI = TestPki.create();
  private static final X509Certificate ALICE =
      PKI.user("alice@example.org", KeyType.EC_P256).certificate();

  @Test
  void issuersComeNearestFirstUpToTheRoot() {
    assertThat(IssuerChain.issuersOf(ALICE, List.of(PKI.root(), ALICE, PKI.issuing())))
        .containsExactly(PKI.issuing(), PKI.root());
  }

  @Test
  void theWalkStopsWhereAnIssuerIsMissing() {
    assertThat(IssuerChain.issuersOf(ALICE, List.of(PKI.root()))).isEmpty();
    assertThat(IssuerChain.issuersOf(ALICE, List.of(PKI.issuing()))).containsExactly(PKI.issuing());
  }

  @Test
  void aRootHasNoIssuers() {
    assertThat(IssuerChain.issuersOf(PKI.root(), List.of(PKI.root(), PKI.issuing()))).isEmpty();
  }
}
