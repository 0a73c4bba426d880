package org.keymail.server.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keymail.smime.verdict.RevocationPolicy;
import org.keymail.smime.verdict.TrustSettings;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class VerifySettingsTest {

  @Test
  void softFailUnlessSaid() {
    assertThat(bind(Map.of()).revocationPolicy()).isEqualTo(RevocationPolicy.SOFT_FAIL);
    assertThat(VerifySettings.defaults().revocationPolicy()).isEqualTo(RevocationPolicy.SOFT_FAIL);
  }

  @Test
  void hardFailWhenConfigured() {
    VerifySettings settings = bind(Map.of("keymail.verify.revocation", "hard-fail"));

    assertThat(settings.revocationPolicy()).isEqualTo(RevocationPolicy.HARD_FAIL);
    assertThat(settings.applyTo(TrustSettings.builder()).build().revocationPolicy())
        .isEqualTo(RevocationPolicy.HARD_FAIL);
  }

  @Test
  void softFailCanBeSaidToo() {
    assertThat(bind(Map.of("keymail.verify.revocation", " Soft-Fail ")).revocationPolicy())
        .isEqualTo(RevocationPolicy.SOFT_FAIL);
  }

  @Test
  void anotherValueRefusesTheStartWithTheValuesAllowed() {
    assertThatThrownBy(() -> bind(Map.of("keymail.verify.revocation", "strict")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessage(
            "keymail.verify.revocation must be soft-fail (the default) or hard-fail, not strict");
  }

  @Test
  void theShippedConfigurationSaysSoftFailAndTakesTheEnvironment() throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    for (PropertySource<?> yaml :
        new YamlPropertySourceLoader()
            .load("application.yml", new ClassPathResource("application.yml"))) {
      environment.getPropertySources().addLast(yaml);
    }

    assertThat(environment.getProperty("keymail.verify.revocation")).isEqualTo("soft-fail");
    environment
        .getPropertySources()
        .addFirst(
            new org.springframework.core.env.MapPropertySource(
                "env", Map.of("KEYMAIL_VERIFY_REVOCATION", "hard-fail")));
    assertThat(environment.getProperty("keymail.verify.revocation")).isEqualTo("hard-fail");
  }

  private static VerifySettings bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("keymail.verify", VerifySettings.class);
  }
}
