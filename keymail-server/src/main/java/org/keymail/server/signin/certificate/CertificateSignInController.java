package org.keymail.server.signin.certificate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keymail.server.problem.Problem;
import org.keymail.server.problem.ProblemWriter;
import org.keymail.server.signin.BrowserCertificate;
import org.keymail.server.signin.PassKeySignIn;
import org.keymail.server.signin.certificate.CertificateSignIn.Destination;
import org.keymail.server.web.ClientAddress;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /signin/certificate} on the certificate listener: the certificate the browser
 * presented in the TLS handshake signs its person in, and the browser goes on to the webmail (or,
 * with {@code ?to=admin}, the admin console) on the main listener, in the same session. A refusal
 * is a page with the sentence saying why, or for a client that asks for JSON, the problem. On the
 * main listener the address sends the browser to the certificate listener, or says certificate
 * sign-in is off.
 */
@Controller
class CertificateSignInController {

  static final String PATH = "/signin/certificate";

  private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ObjectProvider<CertificatePort> port;
  private final CertificateSignIn signIn;
  private final PassKeySignIn passKeys;
  private final Environment environment;

  CertificateSignInController(
      ObjectProvider<CertificatePort> port,
      CertificateSignIn signIn,
      PassKeySignIn passKeys,
      Environment environment) {
    this.port = port;
    this.signIn = signIn;
    this.passKeys = passKeys;
    this.environment = environment;
  }

  @GetMapping(PATH)
  ModelAndView signIn(
      @RequestParam(name = "to", defaultValue = "mail") String to,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model)
      throws IOException {
    Optional<CertificatePort> listener = Optional.ofNullable(port.getIfAvailable());
    if (listener.isEmpty() || request.getLocalPort() != listener.get().number()) {
      return elsewhere(listener, to, request, response, model);
    }
    Destination destination = Destination.named(to);
    List<X509Certificate> presented =
        request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain
            ? List.of(chain)
            : List.of();
    String client = ClientAddress.of(request);
    CertificateVerdict verdict = signIn.signIn(presented, destination, client);
    String next = mainOrigin(request) + destination.path();
    switch (verdict) {
      case CertificateVerdict.Accepted accepted -> {
        BrowserCertificate.remember(request, signIn.kept(accepted, presented), passKeys, client);
        if (wantsJson(request)) {
          response.setContentType(MediaType.APPLICATION_JSON_VALUE);
          JSON.writeValue(
              response.getOutputStream(),
              Map.of(
                  "userId",
                  accepted.user().id().toString(),
                  "email",
                  accepted.user().email(),
                  "method",
                  "certificate",
                  "next",
                  next));
          return null;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", next);
        return null;
      }
      case CertificateVerdict.Refused refused -> {
        Problem problem = Problem.of(refused.why().problem(), refused.sentence());
        if (wantsJson(request)) {
          ProblemWriter.write(request, response, problem);
          return null;
        }
        response.setStatus(problem.status());
        model.addAttribute("problem", problem);
        model.addAttribute("passKeySignIn", mainOrigin(request) + "/signin");
        return new ModelAndView("signin-certificate", model.asMap());
      }
    }
  }

  /** The address asked on the main listener: on to the certificate listener, or "off". */
  private ModelAndView elsewhere(
      Optional<CertificatePort> listener,
      String to,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    if (listener.isPresent()) {
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader(
          "Location",
          "https://"
              + host(request)
              + ":"
              + listener.get().number()
              + PATH
              + ("admin".equals(to) ? "?to=admin" : ""));
      return null;
    }
    Problem off =
        Problem.of(
            CertificateRefusal.METHOD_NOT_ALLOWED.problem(),
            "Certificate sign-in is off on this server: sign in with your PassKey.");
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    model.addAttribute("problem", off);
    model.addAttribute("passKeySignIn", "/signin");
    return new ModelAndView("signin-certificate", model.asMap());
  }

  /** The main listener, by the name this browser used for the server (its cookies are there). */
  private String mainOrigin(HttpServletRequest request) {
    return "https://" + host(request) + ":" + environment.getProperty("local.server.port");
  }

  /** The host name this browser used for the server, bracketed when it is an IPv6 address. */
  static String host(HttpServletRequest request) {
    String name = request.getServerName();
    return name.indexOf(':') >= 0 ? "[" + name + "]" : name;
  }

  private static boolean wantsJson(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("json") && !accept.contains("text/html");
  }
}
