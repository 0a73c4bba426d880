package org.keymail.server.directory.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Filter;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The directory's base DN comes from the setting or the first administrator's mail domain; a bind
 * names a person by {@code mail=} or {@code uid=} right under the base, or by the bare address; and
 * a search asks the directory for the one text its filter needs, or for everyone.
 */
class DirectoryTreeTest {

  private static final DirectoryTree TREE =
      DirectoryTree.of(Optional.empty(), "admin@Mail.Example.org");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "mail=Alice@example.org,ou=people,dc=mail,dc=example,dc=org | alice@example.org",
        "uid=bob@example.org,ou=people,dc=mail,dc=example,dc=org | bob@example.org",
        "carol@example.org | carol@example.org",
        "cn=Alice,ou=people,dc=mail,dc=example,dc=org | ",
        "mail=alice@example.org,ou=other,dc=example,dc=org | ",
        "mail=alice@example.org,mail=bob@example.org,ou=people,dc=mail,dc=example,dc=org | ",
        "not a name | ",
      })
  void aBindNamesAPersonRightUnderTheBase(String bindName, String address) {
    assertThat(TREE.addressOf(bindName)).isEqualTo(Optional.ofNullable(address));
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = "=>",
      value = {
        "(|(cn=*ann*)(mail=*ann*)(sn=*ann*)(givenName=*ann*)) => ann",
        "(|(cn=ann*)(mail=ann*)(displayName=*annie*)) => ann",
        "(&(objectClass=inetOrgPerson)(mail=bob@example.org)) => bob@example.org",
        "(&(objectClass=person)(|(cn=*Jo Smi*)(mail=*Jo Smi*))) => Jo Smi",
        "(|(cn=*ann*)(mail=*bob*)) => ",
        "(|(cn=*ann*)(o=*ann*)) => ",
        "(mail=*) => ",
        "(!(mail=ann@example.org)) => ",
        "(objectClass=*) => ",
      })
  void aSearchAsksForTheTextEveryMatchContains(String filter, String text) throws Exception {
    assertThat(SearchHint.of(Filter.create(filter))).isEqualTo(Optional.ofNullable(text));
  }

  @org.junit.jupiter.api.Test
  void theBaseDnIsTheSettingOrOuPeopleUnderTheMailDomain() {
    assertThat(TREE.toString()).isEqualTo("ou=people,dc=mail,dc=example,dc=org");
    assertThat(TREE.rootDse().getAttributeValue("namingContexts"))
        .isEqualTo("ou=people,dc=mail,dc=example,dc=org");
    assertThat(DirectoryTree.of(Optional.of("ou=Staff,o=Example"), "admin@example.org").toString())
        .isEqualTo("ou=Staff,o=Example");
    assertThatThrownBy(() -> DirectoryTree.of(Optional.of("no equals"), "admin@example.org"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keymail.directory.ldap.base-dn is not a DN: no equals");
  }
}
