package org.keymail.server.admin.console;

import org.keymail.server.admin.AdminPages;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the console's pages share beyond the top bar (which the webmail's page model fills): times
 * written in UTC. The certificate pages of {@link AdminPages} are the console's too.
 */
@ControllerAdvice(
    basePackages = "org.keymail.server.admin.console",
    assignableTypes = AdminPages.class)
class ConsolePageModel {

  @ModelAttribute("time")
  UtcTime time() {
    return new UtcTime();
  }
}
