package org.keymail.server.admin.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.keymail.server.admin.UserAdministration;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.audit.AuditPage;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.BrokenLink;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /admin/audit}: the audit log, newest first, {@value #PAGE} events a page, filtered by
 * user, operation, result and time window; "Verify the chain" walks the whole hash chain and says
 * in a sentence whether it holds; "Export CSV" downloads every event the filter selects.
 */
@Controller
class AuditPages {

  static final int PAGE = 50;
  private static final int EXPORT_PAGE = 1000;

  private final AuditLog log;
  private final UserAdministration users;

  AuditPages(AuditLog log, UserAdministration users) {
    this.log = log;
    this.users = users;
  }

  @ModelAttribute("query")
  AuditQuery query(
      @RequestParam(name = "user", defaultValue = "") String user,
      @RequestParam(name = "operation", defaultValue = "") String operation,
      @RequestParam(name = "result", defaultValue = "") String result,
      @RequestParam(name = "since", defaultValue = "") String since,
      @RequestParam(name = "until", defaultValue = "") String until,
      @RequestParam(name = "before", defaultValue = "") String before) {
    return new AuditQuery(user, operation, result, since, until, before);
  }

  @GetMapping("/admin/audit")
  String page(@ModelAttribute("query") AuditQuery query, Model model) {
    return auditPage(query, model);
  }

  @PostMapping("/admin/audit/verify")
  String verify(@ModelAttribute("query") AuditQuery query, Model model) {
    Optional<BrokenLink> broken = log.verify();
    model.addAttribute(
        "verdict",
        broken
            .map(b -> "The audit chain is broken: " + b.reason() + ".")
            .orElse(
                "The audit chain holds: all "
                    + log.eventCount()
                    + " events are intact and in order."));
    model.addAttribute("chainHolds", broken.isEmpty());
    return auditPage(query, model);
  }

  @GetMapping("/admin/audit/export")
  String export(
      @ModelAttribute("query") AuditQuery query, Model model, HttpServletResponse response)
      throws IOException {
    AuditFilter filter;
    try {
      filter = query.filter(users, EXPORT_PAGE);
    } catch (AuditQuery.Refused refused) {
      model.addAttribute("problem", refused.getMessage());
      return auditPage(query, model);
    }
    response.setContentType("text/csv; charset=utf-8");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Content-Disposition", "attachment; filename=\"keymail-audit.csv\"");
    AuditCsv csv = new AuditCsv(response.getWriter());
    while (true) {
      AuditPage page = log.page(filter);
      csv.write(page.records());
      if (page.nextOlderThan().isEmpty()) {
        break;
      }
      filter = filter.olderThan(page.nextOlderThan().getAsLong());
    }
    response.getWriter().flush();
    return null;
  }

  private String auditPage(AuditQuery query, Model model) {
    model.addAttribute("results", AuditResult.values());
    try {
      AuditPage page = log.page(query.filter(users, PAGE));
      model.addAttribute("events", page.records());
      model.addAttribute(
          "older",
          page.nextOlderThan().isPresent()
              ? Optional.of(query.olderThan(page.nextOlderThan().getAsLong()))
              : Optional.empty());
    } catch (AuditQuery.Refused refused) {
      model.addAttribute("problem", refused.getMessage());
      model.addAttribute("events", List.of());
      model.addAttribute("older", Optional.empty());
    }
    return "admin-audit";
  }
}
