package org.keymail.server.testing;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** Every handler method the server's controllers map, read from their annotations. */
public final class ApiCalls {

  private ApiCalls() {}

  /** Every handler of every REST controller, as "METHOD /path" (path variables as {name}). */
  public static Set<String> restCalls() {
    return calls(RestController.class);
  }

  /** Every handler of every page controller, as "METHOD /path". */
  public static Set<String> pages() {
    return calls(Controller.class);
  }

  private static Set<String> calls(Class<? extends java.lang.annotation.Annotation> kind) {
    Set<String> calls = new TreeSet<>();
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(kind, false));
    for (BeanDefinition candidate : scanner.findCandidateComponents("org.keymail.server")) {
      Class<?> controller = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
      if (kind == Controller.class
          && AnnotatedElementUtils.hasAnnotation(controller, RestController.class)) {
        continue;
      }
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
        RequestMethod[] verbs =
            mapping.method().length == 0
                ? new RequestMethod[] {RequestMethod.GET}
                : mapping.method();
        for (RequestMethod verb : verbs) {
          calls.add(verb.name() + " " + path);
        }
      }
    }
    return calls;
  }
}
