package org.keymail.pki.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.keymail.pki.request.CsrRefusedException;
import org.keymail.pki.request.Requester;
import org.keymail.pki.request.SubmitOutcome;
import org.keymail.pki.testing.Csrs;
import org.keymail.pki.testing.TestCa;
import org.keymail.pki.testing.TestKeys;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.verdict.SignerIdentity;

/**
 * No certificate ever names an address other than its owner's. Over generated Unicode addresses —
 * look-alike letters from Cyrillic, Greek and fullwidth forms, accents, combining marks, control
 * characters, direction overrides, zero-width characters — an address either never reaches the CA
 * (the one address type refuses it) or is certified exactly as itself: every address in the
 * certificate is printable ASCII and is the owner's, never the Latin address it resembles. The seed
 * is printed; {@code keymail.names.seed} replays a run.
 */
class CertificatesNameOnlyTheirOwnersAddressTest {

  private static final String[] LOOK_ALIKES = {
    "\u0430",
    "\u0435",
    "\u043E",
    "\u0440",
    "\u0441",
    "\u0445", // Cyrillic а е о р с х
    "\u03BF",
    "\u03B1", // Greek ο α
    "\uFF41",
    "\uFF4C", // fullwidth ａ ｌ
    "\u00E9",
    "\u00FC",
    "\u00DF",
    "\u0131", // é ü ß dotless ı
    "e\u0301", // e and a combining acute accent
    "\u0000",
    "\r",
    "\n",
    "\t",
    " ", // controls and blanks
    "\u202E",
    "\u200B",
    "\u200D",
    "\uFEFF", // override, zero-width space and joiner, BOM
    "\uD83D\uDE00" // an emoji
  };

  @Test
  void generatedAddressesAreRefusedOrCertifiedExactlyAsThemselves() throws Exception {
    long seed = Long.getLong("keymail.names.seed", System.nanoTime());
    System.out.println("CertificatesNameOnlyTheirOwnersAddressTest seed " + seed);
    SplittableRandom random = new SplittableRandom(seed);
    TestCa ca = TestCa.open("H2");
    KeyPair key = TestKeys.ecP256("owner");
    int refused = 0;
    int certified = 0;
    for (int i = 0; i < 250; i++) {
      String latin = latin(random);
      String candidate = disguise(random, latin);
      Requester owner;
      try {
        owner = TestCa.person(candidate, "Person " + i);
      } catch (IllegalArgumentException refusal) {
        refused++;
        continue;
      }
      SubmitOutcome outcome =
          ca.requests.submit(owner, "Secure Email", Csrs.request(key, "CN=anyone"), "127.0.0.1");
      X509Certificate certificate = ((SubmitOutcome.Issued) outcome).certificate().certificate();
      EmailAddress own = EmailAddress.parse(candidate);

      assertThat(SignerIdentity.emailAddresses(certificate))
          .as("seed %d: %s", seed, candidate)
          .containsExactly(own);
      for (String written : writtenAddresses(certificate)) {
        assertThat(written)
            .as("seed %d: %s", seed, candidate)
            .isEqualTo(own.lookupKey())
            .matches("[\\x21-\\x7e]+");
      }
      if (!candidate.equals(latin)) {
        // A disguised address that got through is its own (an IDN domain, say), never the Latin
        // one.
        assertThat(own).as("seed %d: %s", seed, candidate).isNotEqualTo(EmailAddress.parse(latin));
      }
      certified++;
    }
    assertThat(refused).as("some generated addresses are refused").isPositive();
    assertThat(certified).as("some generated addresses are certified").isPositive();
  }

  @Test
  void theExamplesOfTheReviewAreRefused() throws Exception {
    for (String address :
        List.of("\u0430lice@example.org", "m\u00FCller@example.org", "\uFF41lice@example.org")) {
      assertThatThrownBy(() -> TestCa.person(address, "Someone"))
          .as(address)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("U+");
    }
  }

  @Test
  void anInternationalisedDomainIsCertifiedAsItsALabel() throws Exception {
    TestCa ca = TestCa.open("H2");
    Requester owner = TestCa.person("anna@b\u00FCcher.example", "Anna");

    SubmitOutcome outcome =
        ca.requests.submit(
            owner, "Secure Email", Csrs.request(TestKeys.ecP256("anna"), "CN=Anna"), "127.0.0.1");

    X509Certificate certificate = ((SubmitOutcome.Issued) outcome).certificate().certificate();
    assertThat(writtenAddresses(certificate)).containsOnly("anna@xn--bcher-kva.example");
  }

  @Test
  void aRequestNamingANonAsciiAddressIsRefusedWithItsReason() throws Exception {
    TestCa ca = TestCa.open("H2");
    Requester alice = TestCa.person("alice@example.org", "Alice");
    KeyPair key = TestKeys.ecP256("alice");
    // An IA5String carrying raw bytes, as a hostile CSR can: "müller" with 0xFC, and UTF-8
    // Cyrillic.
    for (byte[] raw :
        List.of(
            latin1("m\u00FCller@example.org"),
            "\u0430lice@example.org".getBytes(StandardCharsets.UTF_8))) {
      byte[] der = new byte[raw.length + 2];
      der[0] = 0x16;
      der[1] = (byte) raw.length;
      System.arraycopy(raw, 0, der, 2, raw.length);
      ASN1Encodable value = ASN1Primitive.fromByteArray(der);
      byte[] csr = csrNaming(key, new GeneralName(GeneralName.rfc822Name, value));

      assertThatThrownBy(() -> ca.requests.submit(alice, "Secure Email", csr, "127.0.0.1"))
          .isInstanceOf(CsrRefusedException.class)
          .hasMessageContaining("which is not an address keymail certifies");
    }
  }

  /** Every address the certificate writes: SAN rfc822Names and the subject's emailAddress. */
  private static List<String> writtenAddresses(X509Certificate certificate) throws Exception {
    List<String> written = new ArrayList<>();
    X509CertificateHolder holder = new X509CertificateHolder(certificate.getEncoded());
    GeneralNames names =
        GeneralNames.fromExtensions(holder.getExtensions(), Extension.subjectAlternativeName);
    for (GeneralName name : names.getNames()) {
      if (name.getTagNo() == GeneralName.rfc822Name) {
        written.add(ascii(org.bouncycastle.asn1.ASN1IA5String.getInstance(name.getName())));
      }
    }
    X500Name subject = holder.getSubject();
    for (var rdn : subject.getRDNs(PKCSObjectIdentifiers.pkcs_9_at_emailAddress)) {
      written.add(
          ascii(org.bouncycastle.asn1.ASN1IA5String.getInstance(rdn.getFirst().getValue())));
    }
    assertThat(written).hasSize(2);
    return written;
  }

  /** The string's octets, each as the character of that byte (so a raw 0xFC shows as such). */
  private static String ascii(org.bouncycastle.asn1.ASN1IA5String value) {
    return new String(value.getOctets(), StandardCharsets.ISO_8859_1);
  }

  private static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] csrNaming(KeyPair key, GeneralName name) throws Exception {
    ExtensionsGenerator extensions = new ExtensionsGenerator();
    extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
    return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=Alice"), key.getPublic())
        .addAttribute(
            PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, (ASN1Encodable) extensions.generate())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
        .getEncoded();
  }

  private static String latin(SplittableRandom random) {
    String[] people = {"alice", "bob", "carol", "dave", "erin", "mallory", "olivia", "peggy"};
    String[] domains = {"example.org", "corp.example", "mail.example.com", "lab.example.net"};
    String person = people[random.nextInt(people.length)];
    if (random.nextInt(4) == 0) {
      person = person + "." + people[random.nextInt(people.length)];
    }
    return person + "@" + domains[random.nextInt(domains.length)];
  }

  /**
   * {@code latin} with one to three characters replaced or inserted, in the local part or domain.
   */
  private static String disguise(SplittableRandom random, String latin) {
    if (random.nextInt(6) == 0) {
      return latin; // some stay as they are, and must be certified
    }
    StringBuilder text = new StringBuilder(latin);
    int changes = 1 + random.nextInt(3);
    for (int c = 0; c < changes; c++) {
      int at = random.nextInt(text.length());
      if (text.charAt(at) == '@' || text.charAt(at) == '.') {
        continue;
      }
      String alike = LOOK_ALIKES[random.nextInt(LOOK_ALIKES.length)];
      if (random.nextBoolean()) {
        text.replace(at, at + 1, alike);
      } else {
        text.insert(at, alike);
      }
    }
    return text.toString();
  }
}
