package org.keymail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * {@code docs/configuration.md} names every {@code keymail.*} setting the server reads, and every
 * environment variable its {@code application.yml} reads, and no setting the server does not read.
 * The settings are collected from the {@code @ConfigurationProperties} records (what Spring binds),
 * the built-in {@code application.yml}, and the {@code "keymail..."} names in the main sources
 * ({@code @Value}, {@code @ConditionalOnProperty}, {@code Environment.getProperty}): a setting
 * added in any of them fails this test until the document has a row for it.
 */
class ConfigurationDocumentTest {

  private static final Path DOCUMENT = Path.of("..", "docs", "configuration.md");
  private static final Path MAIN_SOURCES = Path.of("src", "main", "java");

  /** A setting as the document writes it: in backticks, whole. */
  private static final Pattern DOCUMENTED_KEY =
      Pattern.compile("`(keymail\\.[a-z0-9.-]*[a-z0-9])`");

  private static final Pattern DOCUMENTED_VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

  /** A setting's name at the start of a string literal or of a placeholder in the sources. */
  private static final Pattern SOURCE_KEY = Pattern.compile("\"(?:\\$\\{)?(keymail\\.[a-z0-9.-]+)");

  /** An environment variable the built-in application.yml reads: {@code ${KEYMAIL_X:default}}. */
  private static final Pattern YAML_VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

  @Test
  void everySettingTheServerBindsIsDocumented() {
    assertThat(bound()).hasSizeGreaterThan(40).isSubsetOf(documentedKeys());
  }

  @Test
  void everySettingOfTheBuiltInApplicationYmlIsDocumented() {
    assertThat(builtIn()).hasSizeGreaterThan(30).isSubsetOf(documentedKeys());
  }

  @Test
  void everyEnvironmentVariableOfTheBuiltInApplicationYmlIsDocumented() throws IOException {
    Set<String> variables = new TreeSet<>();
    Matcher variable = YAML_VARIABLE.matcher(builtInText());
    while (variable.find()) {
      variables.add(variable.group(1));
    }
    Set<String> documented = new TreeSet<>();
    Matcher named = DOCUMENTED_VARIABLE.matcher(document());
    while (named.find()) {
      documented.add(named.group(1));
    }
    assertThat(variables).hasSizeGreaterThan(25).isSubsetOf(documented);
  }

  @Test
  void everySettingTheSourcesNameIsDocumented() {
    Set<String> documented = documentedKeys();
    Set<String> missing = new TreeSet<>();
    for (String key : namedInSources()) {
      // A prefix ("keymail.ca" of @ConfigurationProperties) is documented by the settings under it.
      boolean found =
          documented.contains(key) || documented.stream().anyMatch(d -> d.startsWith(key + "."));
      if (!found) {
        missing.add(key);
      }
    }
    assertThat(missing).as("settings named in the main sources, not in the document").isEmpty();
  }

  @Test
  void theDocumentNamesNoSettingTheServerDoesNotRead() {
    Set<String> read = new TreeSet<>(bound());
    read.addAll(builtIn());
    assertThat(documentedKeys()).isSubsetOf(read);
  }

  /** Every {@code keymail.*} setting of the server's {@code @ConfigurationProperties} records. */
  private static Set<String> bound() {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
    Set<String> keys = new TreeSet<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents("org.keymail.server")) {
      Class<?> type;
      try {
        type = Class.forName(candidate.getBeanClassName());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
      String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
      assertThat(type.isRecord()).as(type + " binds a record").isTrue();
      collect(prefix, type, keys);
    }
    return keys;
  }

  /** The leaves of record {@code type} under {@code prefix}, nested records walked into. */
  private static void collect(String prefix, Class<?> type, Set<String> keys) {
    for (RecordComponent component : type.getRecordComponents()) {
      String key = prefix + "." + kebab(component.getName());
      if (component.getType().isRecord()) {
        collect(key, component.getType(), keys);
      } else {
        keys.add(key);
      }
    }
  }

  /** Spring's canonical form of a property name: {@code jdbcUrl} is {@code jdbc-url}. */
  private static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  /** Every {@code keymail.*} setting the built-in {@code application.yml} gives a value. */
  private static Set<String> builtIn() {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yml"));
    Properties properties = yaml.getObject();
    Set<String> keys = new TreeSet<>();
    // Not stringPropertyNames(): it leaves out the keys whose values YAML read as numbers.
    for (Object key : properties.keySet()) {
      if (key.toString().startsWith("keymail.")) {
        keys.add(key.toString());
      }
    }
    return keys;
  }

  private static String builtInText() throws IOException {
    try (var in = new ClassPathResource("application.yml").getInputStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Every {@code "keymail.…"} string literal and {@code "${keymail.…}"} in the main sources. */
  private static Set<String> namedInSources() {
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher key = SOURCE_KEY.matcher(Files.readString(file));
        while (key.find()) {
          keys.add(key.group(1).replaceAll("\\.$", ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(keys).as("settings named in " + MAIN_SOURCES.toAbsolutePath()).isNotEmpty();
    return keys;
  }

  private static Set<String> documentedKeys() {
    Set<String> keys = new TreeSet<>();
    Matcher key = DOCUMENTED_KEY.matcher(document());
    while (key.find()) {
      keys.add(key.group(1));
    }
    return keys;
  }

  private static String document() {
    try {
      return Files.readString(DOCUMENT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
