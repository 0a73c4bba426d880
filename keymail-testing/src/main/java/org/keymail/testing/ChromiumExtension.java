package org.keymail.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link Chromium} per browser test class, launched before the class's first test and closed
 * after its last. A test method asks for what it needs as parameters: a {@link BrowserContext} (a
 * fresh UTC, en-GB profile of its own, closed after the test), a {@link Page} in that context, or
 * the {@link Chromium} itself when it needs more profiles or other options.
 *
 * <pre>{@code
 * @ExtendWith(ChromiumExtension.class)
 * class SignInIT {
 *   @Test
 *   void signsIn(BrowserContext context, Page page) { ... }
 * }
 * }</pre>
 *
 * <p>Closing relies on JUnit closing the {@link AutoCloseable} values of its store when the test or
 * the class ends.
 */
public final class ChromiumExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace BROWSER =
      ExtensionContext.Namespace.create(ChromiumExtension.class);

  @Override
  public void beforeAll(ExtensionContext classContext) {
    chromium(classContext);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    Class<?> type = parameter.getParameter().getType();
    return type == Chromium.class || type == BrowserContext.class || type == Page.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    Class<?> type = parameter.getParameter().getType();
    if (type == Chromium.class) {
      return chromium(extension);
    }
    BrowserContext context = context(extension);
    if (type == BrowserContext.class) {
      return context;
    }
    return extension
        .getStore(BROWSER)
        .getOrComputeIfAbsent(Page.class, key -> context.newPage(), Page.class);
  }

  /** The test class's browser, launched once and kept in the class's store. */
  private static Chromium chromium(ExtensionContext extension) {
    ExtensionContext classContext = classContext(extension);
    return classContext
        .getStore(BROWSER)
        .getOrComputeIfAbsent(Chromium.class, key -> Chromium.launch(), Chromium.class);
  }

  /** The test's own profile, kept in the test's store so it is closed when the test ends. */
  private static BrowserContext context(ExtensionContext test) {
    Chromium chromium = chromium(test);
    return test.getStore(BROWSER)
        .getOrComputeIfAbsent(
            BrowserContext.class, key -> chromium.newContext(), BrowserContext.class);
  }

  private static ExtensionContext classContext(ExtensionContext extension) {
    ExtensionContext context = extension;
    while (context.getTestMethod().isPresent() && context.getParent().isPresent()) {
      context = context.getParent().orElseThrow();
    }
    return context;
  }
}
