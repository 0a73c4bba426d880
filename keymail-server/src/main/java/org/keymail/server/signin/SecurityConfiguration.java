package org.keymail.server.signin;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasAuthority;
import static org.springframework.security.authorization.AuthorizationManagers.allOf;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.keymail.server.problem.Problem;
import org.keymail.server.problem.ProblemMap;
import org.keymail.server.problem.ProblemType;
import org.keymail.server.problem.ProblemWriter;
import org.keymail.vault.VaultException;
import org.keymail.vault.session.SessionGate;
import org.keymail.vault.session.UserDisabledException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The server's one security filter chain. Sign-in is a PassKey plus access code through the vault,
 * or a certificate on the certificate listener, as the sign-in policies allow ({@link
 * SignInMethods}); never a password: form login, HTTP Basic and any user-details store are switched
 * off here and in {@code application.yml}, and no setting turns them on.
 *
 * <p>Who may do what is decided here, before anything else looks at a request: the public
 * addresses, the administrators' API and pages ({@link AdministratorsOnly}), the webmail for a
 * signed-in browser whose keys may have locked ({@link Roles}), and everything else for a user
 * whose keys are open. Refusals are problems for the API and the error page for pages.
 *
 * <p>CSRF protection is on for browsers. The CSRF token lives in a cookie ({@code __Host-}
 * prefixed, HTTP-only, SameSite=Strict) rather than in a server-side session, so looking at the
 * sign-in page creates no session: a session exists only once someone has signed in. A request
 * needs no CSRF token when it was authenticated by a valid bearer token, or when it carries no
 * cookie and no {@code Origin} (no ambient credentials a forged request could ride on).
 *
 * <p>The certificate authority's public addresses ({@code /pki/**}: CA certificates, CRL, OCSP)
 * need no sign-in and no CSRF token; relying parties fetch them from anywhere.
 */
@Configuration
public class SecurityConfiguration {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
          + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /**
   * The webmail: a browser whose keys locked while idle may still reach it (it asks for the PassKey
   * in the page before a key is used), and so may the support page, which needs no key; everything
   * else that is not public needs open keys.
   */
  static final String[] WEBMAIL = {"/mail/**", "/api/v1/mail/**", "/support"};

  /** Pages and API calls only administrators may reach. */
  static final String[] ADMINISTRATORS = {"/api/v1/admin/**", "/admin/**"};

  /** What anyone may reach without signing in. */
  static final String[] PUBLIC = {
    "/",
    "/signin",
    "/activate",
    "/css/**",
    "/js/**",
    "/favicon.ico",
    "/error",
    "/actuator/health",
    "/api/v1/openapi.yaml",
    "/api/v1/activation/**",
    "/api/v1/unlock/**",
    "/signin/certificate",
    "/pki/**"
  };

  @Bean
  SecurityFilterChain keymailSecurity(
      HttpSecurity http,
      ObjectProvider<SessionGate> gate,
      PassKeySignIn signIn,
      SignInMethods methods)
      throws Exception {
    RequestAttributeSecurityContextRepository contexts =
        new RequestAttributeSecurityContextRepository();
    http.formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .rememberMe(AbstractHttpConfigurer::disable)
        .requestCache(cache -> cache.disable())
        // The unlock session is looked up on every request; Spring keeps nothing between them.
        .securityContext(context -> context.securityContextRepository(contexts))
        .sessionManagement(
            sessions ->
                sessions
                    .sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                    // The sign-in itself changes the session id (BrowserUnlock.remember).
                    .sessionFixation(fixation -> fixation.changeSessionId()))
        // Before the CSRF check: it needs to know whether a bearer token was valid.
        .addFilterBefore(
            new UnlockSessionFilter(
                Optional.ofNullable(gate.getIfAvailable()), contexts, signIn::user),
            CsrfFilter.class)
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(csrfCookie())
                    .ignoringRequestMatchers(SecurityConfiguration::needsNoCsrfToken)
                    // The CA's public addresses take no cookie-borne credentials: OCSP clients
                    // POST.
                    .ignoringRequestMatchers("/pki/**"))
        .headers(
            headers ->
                headers
                    // A message's HTML body is the one page another of keymail's pages frames; it
                    // sets its own, stricter policy (webmail.read.HtmlBody).
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .frameOptions(frame -> frame.disable())
                    .addHeaderWriter(
                        new DelegatingRequestMatcherHeaderWriter(
                            request -> !isMessageBodyFrame(request),
                            new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY)))
                    .addHeaderWriter(
                        new DelegatingRequestMatcherHeaderWriter(
                            SecurityConfiguration::isMessageBodyFrame,
                            new XFrameOptionsHeaderWriter(XFrameOptionsMode.SAMEORIGIN)))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                    .httpStrictTransportSecurity(
                        hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31536000)))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(ADMINISTRATORS)
                    .access(allOf(new AdministratorsOnly(signIn), methods.forAdminConsole()))
                    .requestMatchers(PUBLIC)
                    .permitAll()
                    .requestMatchers(WEBMAIL)
                    .access(allOf(hasAuthority(Roles.SIGNED_IN), methods.forWebmail()))
                    .anyRequest()
                    .access(allOf(hasAuthority(Roles.UNLOCKED), methods.forWebmail())))
        .exceptionHandling(
            errors ->
                errors
                    .defaultAuthenticationEntryPointFor(presentYourPassKey(), api())
                    .defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/signin"), request -> true)
                    .defaultAccessDeniedHandlerFor(
                        otherSignInOr(keysLockedOr(refusedAsProblem())), api())
                    .defaultAccessDeniedHandlerFor(
                        otherSignInOr(keysLockedOr(new AccessDeniedHandlerImpl())),
                        request -> true))
        .logout(
            logout ->
                logout
                    .logoutUrl("/logout")
                    .addLogoutHandler(new SignOut(signIn))
                    .invalidateHttpSession(true)
                    .deleteCookies("KEYMAIL_SESSION")
                    .logoutSuccessUrl("/signin?signedOut"));
    return http.build();
  }

  /**
   * A request the firewall refuses (an encoded slash, a control character, a parameter name it does
   * not allow) is the client's 400 problem, not a servlet failure.
   */
  @Bean
  RequestRejectedHandler rejectedAsProblem() {
    return (request, response, rejected) ->
        ProblemWriter.write(
            request,
            response,
            Problem.of(
                ProblemType.BAD_REQUEST,
                "The request's address or parameters hold characters keymail does not take."));
  }

  private static CookieCsrfTokenRepository csrfCookie() {
    CookieCsrfTokenRepository cookies = new CookieCsrfTokenRepository();
    cookies.setCookieName("__Host-KEYMAIL_CSRF");
    cookies.setCookieCustomizer(
        cookie -> cookie.secure(true).httpOnly(true).sameSite("Strict").path("/"));
    return cookies;
  }

  /**
   * 401 {@code passkey_required}: "present your PassKey", saying why where the vault said; 403
   * {@code user_disabled} for a disabled user's session, since presenting a PassKey cannot help.
   */
  private static AuthenticationEntryPoint presentYourPassKey() {
    return (request, response, notAuthenticated) -> {
      Object refusal = request.getAttribute(UnlockSessionFilter.REFUSAL);
      Problem problem =
          refusal instanceof UserDisabledException disabled
              ? ProblemMap.problemFor(disabled)
              : refusal instanceof VaultException why
                  ? Problem.of(ProblemType.PASSKEY_REQUIRED, why.getMessage())
                  : Problem.of(ProblemType.PASSKEY_REQUIRED);
      ProblemWriter.write(request, response, problem);
    };
  }

  /**
   * A browser whose keys locked, at a page or call outside the webmail: what a request with no
   * session gets (sign in again; the API's 401 says "enter your access code"), not a 403. Any other
   * refusal goes to {@code otherwise}.
   */
  private static AccessDeniedHandler keysLockedOr(AccessDeniedHandler otherwise) {
    AuthenticationEntryPoint pages = new LoginUrlAuthenticationEntryPoint("/signin");
    AuthenticationEntryPoint calls = presentYourPassKey();
    return (request, response, denied) -> {
      if (SecurityContextHolder.getContext().getAuthentication() instanceof KeysLockedAuthentication
          && !(denied instanceof CsrfException)) {
        InsufficientAuthenticationException locked =
            new InsufficientAuthenticationException("keys locked");
        (api().matches(request) ? calls : pages).commence(request, response, locked);
        return;
      }
      otherwise.handle(request, response, denied);
    };
  }

  /**
   * A request the sign-in policies refused ({@link SignInMethods#MISSING}): a page goes to the
   * sign-in page saying which sign-in is missing, an API call gets 403 {@code
   * sign_in_method_required}. Any other refusal goes to {@code otherwise}.
   */
  private static AccessDeniedHandler otherSignInOr(AccessDeniedHandler otherwise) {
    return (request, response, denied) -> {
      Object missing = request.getAttribute(SignInMethods.MISSING);
      if (missing == null || denied instanceof CsrfException) {
        otherwise.handle(request, response, denied);
        return;
      }
      if (api().matches(request)) {
        ProblemWriter.write(
            request,
            response,
            Problem.of(
                ProblemType.SIGN_IN_METHOD_REQUIRED,
                "certificate".equals(missing)
                    ? "This needs a certificate sign-in, which an administrator's policy asks for."
                    : "This needs a PassKey sign-in, which an administrator's policy asks for."));
        return;
      }
      response.sendRedirect(request.getContextPath() + "/signin?needed=" + missing);
    };
  }

  /** 403 as a problem: {@code csrf_refused} for a missing CSRF token, else {@code forbidden}. */
  private static AccessDeniedHandler refusedAsProblem() {
    return (request, response, denied) ->
        ProblemWriter.write(request, response, ProblemMap.problemFor(denied));
  }

  /** A message's sanitised HTML body, framed by the message's page. */
  static boolean isMessageBodyFrame(HttpServletRequest request) {
    return request
        .getRequestURI()
        .substring(request.getContextPath().length())
        .matches("/mail/folder/[^/]+/[0-9]+/body");
  }

  private static RequestMatcher api() {
    return request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }

  private static boolean needsNoCsrfToken(HttpServletRequest request) {
    if (UnlockSessionFilter.isBearerAuthenticated(request)) {
      return true;
    }
    return request.getHeader("Cookie") == null && request.getHeader("Origin") == null;
  }
}
