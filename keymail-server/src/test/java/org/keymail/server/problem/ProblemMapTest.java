package org.keymail.server.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.smime.KeyUseException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every failure of keymail's own that can reach a controller — each vault refusal, each of the
 * certificate authority's, the server's own, a key handle's and the database's — has its row in
 * {@link ProblemMap}, so none of them is ever answered as an internal error.
 */
class ProblemMapTest {

  @Test
  void everyOwnFailureHasItsRow() {
    List<Class<?>> failures = new ArrayList<>();
    failures.addAll(subclasses(org.keymail.vault.VaultException.class, "org.keymail.vault"));
    failures.addAll(
        subclasses(org.keymail.pki.request.RequestRefusedException.class, "org.keymail.pki"));
    failures.addAll(
        subclasses(org.keymail.pki.revoke.RevocationRefusedException.class, "org.keymail.pki"));
    // The server's own, but for the refusals that stop a start (the data folder's, and a start
    // asked for what cannot be done): they meet the person starting it, never a client.
    subclasses(Exception.class, "org.keymail.server").stream()
        .filter(kind -> !kind.getName().contains("DataFolder"))
        .filter(kind -> kind != org.keymail.server.StartRefusedException.class)
        .forEach(failures::add);
    failures.add(org.keymail.smime.KeyUseException.class);
    failures.add(StorageUnavailableException.class);
    failures.add(org.keymail.pki.trust.RootRefusedException.class);
    failures.add(org.keymail.pki.template.TemplateChangeRefusedException.class);

    assertThat(failures).hasSizeGreaterThan(40);
    assertThat(failures)
        .filteredOn(kind -> !ProblemMap.hasRow(kind.asSubclass(Throwable.class)))
        .as("failures without a row")
        .isEmpty();
  }

  @Test
  void aLibrarysMessageNeverBecomesTheDetail() {
    Problem problem =
        ProblemMap.problemFor(new IllegalStateException("java.lang.NullPointerException at Foo"));

    assertThat(problem.status()).isEqualTo(500);
    assertThat(problem.detail()).isEqualTo(ProblemType.INTERNAL_ERROR.defaultDetail());
  }

  @Test
  void theDatabaseGoneIsA503WhoseDetailSaysNothingOfTheDatabasesOwnWords() {
    SQLException refused =
        new SQLException(
            "Connection to localhost:5432 refused. Check that the hostname and port are correct",
            "08001");

    for (Throwable failure :
        List.of(
            new StorageUnavailableException(refused),
            // A key handle's refusal when the vault could not load its key.
            new KeyUseException(
                "the vault cannot load the key", new StorageUnavailableException(refused)))) {
      Problem problem = ProblemMap.problemFor(failure);

      assertThat(problem.status()).isEqualTo(503);
      assertThat(problem.error()).isEqualTo("vault_unavailable");
      assertThat(problem.detail())
          .isEqualTo("The vault's database is not reachable right now; try again in a moment.");
    }
  }

  @Test
  void aValueTooLongForTheDatabaseIsTheRequestsFault() {
    SQLException tooLong = new SQLException("Value too long for column", "22001");

    Problem problem = ProblemMap.problemFor(new StorageUnavailableException(tooLong));

    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.error()).isEqualTo("bad_request");
  }

  private static List<Class<?>> subclasses(Class<?> base, String inPackage) {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false) {
          @Override
          protected boolean isCandidateComponent(
              org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
            return definition.getMetadata().isConcrete()
                && definition.getMetadata().isIndependent();
          }
        };
    scanner.addIncludeFilter(new AssignableTypeFilter(base));
    List<Class<?>> found = new ArrayList<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents(inPackage)) {
      found.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), null));
    }
    return found;
  }
}
