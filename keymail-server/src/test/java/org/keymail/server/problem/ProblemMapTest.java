package org.keymail.server.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every failure of keymail's own that can reach a controller — each vault refusal, each of the
 * certificate authority's, the server's own and a key handle's — has its row in {@link ProblemMap},
 * so none of them is ever answered as an internal error.
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
  void aValueTooLongForTheDatabaseIsTheRequestsFault() {
    java.sql.SQLException tooLong = new java.sql.SQLException("Value too long for column", "22001");

    Problem problem =
        ProblemMap.problemFor(new org.keymail.server.vault.VaultUnavailableException(tooLong));

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
