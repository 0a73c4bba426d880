package org.keymail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.TestServer;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** The hand-written OpenAPI document is served, and names exactly the API calls the server has. */
class OpenApiDocumentTest {

  private static final Pattern PATH = Pattern.compile("(?m)^  (/[^:]+):$");
  private static final Pattern METHOD = Pattern.compile("(?m)^    (get|post|patch|delete|put):");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void documentIsServedAndListsEveryApiCallAndNoOther(String product) {
    try (TestServer server = TestServer.start(product)) {
      HttpResponse<String> document = server.get("/api/v1/openapi.yaml");

      assertThat(document.statusCode()).isEqualTo(200);
      assertThat(document.body()).startsWith("openapi: 3.0.3");
      assertThat(documented(document.body())).isEqualTo(implemented()).hasSizeGreaterThan(10);
    }
  }

  private static Set<String> documented(String yaml) {
    Set<String> calls = new TreeSet<>();
    String[] blocks =
        yaml.substring(yaml.indexOf("\npaths:"), yaml.indexOf("\ncomponents:"))
            .split("(?m)^(?=  /)");
    for (String block : blocks) {
      Matcher path = PATH.matcher(block);
      if (!path.find()) {
        continue;
      }
      Matcher method = METHOD.matcher(block);
      while (method.find()) {
        calls.add(method.group(1).toUpperCase() + " /api/v1" + path.group(1));
      }
    }
    return calls;
  }

  /** Every handler method of every REST controller of the server, as "METHOD /path". */
  private static Set<String> implemented() {
    Set<String> calls = new TreeSet<>();
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
    for (BeanDefinition candidate : scanner.findCandidateComponents("org.keymail.server")) {
      Class<?> controller = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
      RequestMapping base =
          AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
      String prefix = base == null || base.path().length == 0 ? "" : base.path()[0];
      for (Method method : controller.getDeclaredMethods()) {
        RequestMapping mapping =
            AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
        if (mapping == null) {
          continue;
        }
        String path = prefix + (mapping.path().length == 0 ? "" : mapping.path()[0]);
        for (RequestMethod verb : mapping.method()) {
          calls.add(verb.name() + " " + path.replaceAll("\\{(\\w+)}", "{$1}"));
        }
      }
    }
    return calls;
  }
}
