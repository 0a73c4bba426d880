package org.keymail.pki.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.audit.CaEvent;
import org.keymail.pki.testing.TestCa;

class TemplatesTest {

  private static final UUID ADMIN = UUID.randomUUID();
  private static final Set<KeyType> ALL = Set.of(KeyType.values());

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void smartcardLogonSecureEmailAndUserAreBuiltIn(String product) throws Exception {
    TestCa ca = TestCa.open(product);

    assertThat(ca.templates.list())
        .containsExactly(
            new Template(
                "Secure Email",
                TemplateProfile.SECURE_EMAIL,
                ALL,
                365,
                Approval.AUTOMATIC,
                true,
                true),
            new Template(
                "Smartcard Logon",
                TemplateProfile.SMARTCARD_LOGON,
                ALL,
                365,
                Approval.ADMINISTRATOR,
                true,
                true),
            new Template(
                "User", TemplateProfile.USER, ALL, 365, Approval.ADMINISTRATOR, true, true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void administratorsCreateUpdateAndDisableTemplatesEachAudited(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    Template vpn =
        Template.custom(
            "VPN",
            TemplateProfile.SMARTCARD_LOGON,
            Set.of(KeyType.EC_P256),
            90,
            Approval.AUTOMATIC);

    ca.templates.create(vpn, ADMIN, "192.0.2.7");
    ca.templates.update(
        vpn.withValidityDays(30).withApproval(Approval.ADMINISTRATOR), ADMIN, "192.0.2.7");
    ca.templates.disable("VPN", ADMIN, "192.0.2.7");

    assertThat(ca.templates.find("VPN"))
        .contains(
            new Template(
                "VPN",
                TemplateProfile.SMARTCARD_LOGON,
                Set.of(KeyType.EC_P256),
                30,
                Approval.ADMINISTRATOR,
                false,
                false));
    assertThat(ca.audit.events(Templates.TEMPLATE_CHANGE))
        .extracting(CaEvent::actorId, CaEvent::object, CaEvent::clientAddress, CaEvent::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ADMIN,
                "template VPN",
                "192.0.2.7",
                "created: smartcard-logon, keys ec-p256, 90 days, AUTOMATIC approval, enabled"),
            org.assertj.core.groups.Tuple.tuple(
                ADMIN,
                "template VPN",
                "192.0.2.7",
                "updated: smartcard-logon, keys ec-p256, 30 days, ADMINISTRATOR approval,"
                    + " enabled"),
            org.assertj.core.groups.Tuple.tuple(
                ADMIN,
                "template VPN",
                "192.0.2.7",
                "updated: smartcard-logon, keys ec-p256, 30 days, ADMINISTRATOR approval,"
                    + " disabled"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void emailCertificatesValidLongerThan825DaysAreRefused(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    Template secureEmail = ca.templates.find("Secure Email").orElseThrow();

    assertThatThrownBy(() -> ca.templates.update(secureEmail.withValidityDays(826), ADMIN, null))
        .isInstanceOf(TemplateChangeRefusedException.class)
        .hasMessage(
            "the template \"Secure Email\" gives 826 days; e-mail certificates are valid for 1 to"
                + " 825 days (S/MIME Baseline Requirements)");
    ca.templates.update(secureEmail.withValidityDays(825), ADMIN, null);
    assertThat(ca.templates.find("Secure Email").orElseThrow().validityDays()).isEqualTo(825);
    assertThat(ca.audit.events(Templates.TEMPLATE_CHANGE)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void builtInTemplatesCannotBeDeletedButAnAdministratorsOwnCan(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    ca.templates.create(
        Template.custom("Temp", TemplateProfile.SECURE_EMAIL, ALL, 30, Approval.AUTOMATIC),
        ADMIN,
        null);

    assertThatThrownBy(() -> ca.templates.delete("User", ADMIN, null))
        .isInstanceOf(TemplateChangeRefusedException.class)
        .hasMessage("the built-in template \"User\" can be edited or disabled, not deleted");
    ca.templates.delete("Temp", ADMIN, null);

    assertThat(ca.templates.list())
        .extracting(Template::name)
        .containsExactly("Secure Email", "Smartcard Logon", "User");
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void refusesDuplicatesUnknownNamesEmptyKeyListsAndProfileChangesOfBuiltIns(String product)
      throws Exception {
    TestCa ca = TestCa.open(product);
    Template user = ca.templates.find("User").orElseThrow();

    assertThatThrownBy(
            () ->
                ca.templates.create(
                    Template.custom("User", TemplateProfile.USER, ALL, 30, Approval.AUTOMATIC),
                    ADMIN,
                    null))
        .isInstanceOf(TemplateExistsException.class)
        .hasMessage("a certificate template named \"User\" exists already");
    assertThatThrownBy(() -> ca.templates.disable("Nope", ADMIN, null))
        .hasMessage("there is no certificate template named \"Nope\"");
    assertThatThrownBy(() -> ca.templates.update(user.withAllowedKeys(Set.of()), ADMIN, null))
        .hasMessage(
            "the template \"User\" allows no key type; allow at least one of rsa-2048, rsa-3072,"
                + " rsa-4096, ec-p256, ec-p384");
    assertThatThrownBy(
            () ->
                ca.templates.update(
                    new Template(
                        "User",
                        TemplateProfile.SECURE_EMAIL,
                        ALL,
                        30,
                        Approval.AUTOMATIC,
                        true,
                        true),
                    ADMIN,
                    null))
        .hasMessage(
            "the built-in template \"User\" keeps its purpose user; create a new template for"
                + " secure-email");
    assertThat(ca.audit.events(Templates.TEMPLATE_CHANGE)).isEmpty();
  }
}
