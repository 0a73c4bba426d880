package org.keymail.server.webmail.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Received HTML keeps what shows text and layout; nothing that runs or loads from elsewhere. */
class HtmlBodyTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<script>alert(1)</script><p>x</p>|<script",
        "<p onclick=\"alert(1)\">x</p>|onclick",
        "<a href=\"javascript:alert(1)\">x</a>|javascript:",
        "<iframe src=\"https://evil.example/\"></iframe>|<iframe",
        "<form action=\"https://evil.example/\"><input name=q></form>|<form",
        "<svg><script>alert(1)</script></svg>|<script",
        "<img src=x onerror=alert(1)>|onerror",
        "<object data=\"https://evil.example/x.swf\"></object>|<object",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">|refresh",
        "<base href=\"https://evil.example/\">|<base",
        "<link rel=stylesheet href=\"https://evil.example/x.css\">|evil.example",
        "<p style=\"background:url(https://tracker.example/p.gif)\">x</p>|tracker.example",
      })
  void whatRunsOrLoadsIsRemoved(String html, String gone) {
    assertThat(HtmlBody.sanitise(html, false).html()).doesNotContain(gone);
  }

  @Test
  void remoteImagesAreCountedAndShownOnlyWhenAsked() {
    String html =
        "<p style=\"color:red\">Hello</p><img src=\"https://tracker.example/p.gif\" alt=\"logo\">"
            + "<img src=\"data:image/png;base64,iVBORw0KGgo=\"><a href=\"https://keymail.example\">a</a>";

    HtmlBody.Sanitised blocked = HtmlBody.sanitise(html, false);
    HtmlBody.Sanitised shown = HtmlBody.sanitise(html, true);

    assertThat(blocked.remote()).isEqualTo(1);
    assertThat(blocked.html())
        .contains("style=\"color:red\"", "alt=\"logo\"", "src=\"data:image/png")
        .contains("rel=\"noopener noreferrer\"", "target=\"_blank\"")
        .doesNotContain("tracker.example");
    assertThat(shown.html()).contains("src=\"https://tracker.example/p.gif\"");
    assertThat(HtmlBody.policy(false)).contains("img-src data:;").doesNotContain("https:");
    assertThat(HtmlBody.policy(true)).contains("img-src data: https: http:;");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "report.pdf|report.pdf",
        "../../etc/passwd|passwd",
        "C:\\\\Users\\\\x\\\\evil.exe|evil.exe",
        "...hidden|hidden",
        "invoice\u202Efdp.exe|invoicefdp.exe",
        "a:b?c*.txt|a_b_c_.txt",
        "'   '|attachment",
      })
  void fileNamesAreSafeToSave(String received, String saved) {
    assertThat(SafeFileName.of(received)).isEqualTo(saved);
  }
}
