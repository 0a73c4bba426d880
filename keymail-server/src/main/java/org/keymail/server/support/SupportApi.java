package org.keymail.server.support;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.keymail.server.signin.PassKeySignIn;
import org.keymail.server.signin.SignedIn;
import org.keymail.smime.address.EmailAddress;
import org.keymail.vault.user.User;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/support/report}: the support page's work for a client such as {@code keymail
 * support report}. The answer says what was sent; a report that could not be sent (support not set
 * up, no description, the mail server) is a problem saying why: {@code support_not_set_up}, {@code
 * bad_request}, {@code mail_refused} or {@code mail_unavailable}.
 */
@RestController
class SupportApi {

  private final SupportReport report;
  private final PassKeySignIn people;

  SupportApi(SupportReport report, PassKeySignIn people) {
    this.report = report;
    this.people = people;
  }

  /**
   * What to report.
   *
   * @param message the problem or question
   * @param replyTo where support answers; absent: the person's own address
   * @param name the person's name as support should address them
   */
  record ReportJson(String message, String replyTo, String name) {}

  @PostMapping("/api/v1/support/report")
  SupportReport.Sent report(@RequestBody ReportJson body, HttpServletRequest request)
      throws IOException, SupportProblem {
    User person =
        people
            .user(SignedIn.current().getPrincipal().userId())
            .orElseThrow(() -> new IllegalStateException("a signed-in user without a record"));
    return report.send(
        new SupportReport.Writer(
            person.id(),
            EmailAddress.parse(person.email()),
            request.getHeader(HttpHeaders.USER_AGENT)),
        new SupportReport.Request(body.message(), body.replyTo(), body.name()));
  }
}
