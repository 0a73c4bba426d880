package org.keymail.server.enrollment;

import java.util.List;
import org.keymail.server.enrollment.CaJson.TemplateJson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/templates}: the certificate templates a user may request now. */
@RestController
@RequestMapping("/api/v1/templates")
public class TemplateController {

  private final Enrollment enrollment;

  public TemplateController(Enrollment enrollment) {
    this.enrollment = enrollment;
  }

  @GetMapping
  List<TemplateJson> list() {
    return enrollment.enabledTemplates().stream().map(TemplateJson::forUsers).toList();
  }
}
