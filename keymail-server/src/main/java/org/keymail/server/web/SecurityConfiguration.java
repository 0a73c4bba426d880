package org.keymail.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.keymail.server.api.ApiProblems;
import org.keymail.server.signin.SignOut;
import org.keymail.server.signin.UnlockSessionFilter;
import org.keymail.server.vault.PassKeySignIn;
import org.keymail.vault.session.SessionGate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The server's one security filter chain. Sign-in is a PassKey plus access code through the vault,
 * nothing else: form login, HTTP Basic and any user-details store are switched off here and in
 * {@code application.yml}, and no setting turns them on.
 *
 * <p>CSRF protection stays on for browsers. Requests from a non-browser client (a bearer token, or
 * no cookie and no {@code Origin}) carry no ambient credentials a forged request could ride on, so
 * they need no CSRF token.
 *
 * <p>The certificate authority's public addresses ({@code /pki/**}: CA certificates, CRL, OCSP)
 * need no sign-in and no CSRF token; relying parties fetch them from anywhere.
 */
@Configuration
public class SecurityConfiguration {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
          + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  SecurityFilterChain keymailSecurity(
      HttpSecurity http,
      ObjectProvider<SessionGate> gate,
      PassKeySignIn signIn,
      ApiProblems problems)
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
        .addFilterBefore(
            new UnlockSessionFilter(Optional.ofNullable(gate.getIfAvailable()), contexts),
            AnonymousAuthenticationFilter.class)
        // The CA's public addresses take no cookie-borne credentials: OCSP clients POST there.
        .csrf(
            csrf ->
                csrf.ignoringRequestMatchers(SecurityConfiguration::notFromABrowser)
                    .ignoringRequestMatchers("/pki/**"))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .frameOptions(frame -> frame.deny())
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                    .httpStrictTransportSecurity(
                        hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31536000)))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
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
                        "/pki/**")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .exceptionHandling(
            errors ->
                errors
                    .defaultAuthenticationEntryPointFor(problems.presentPassKeyEntryPoint(), api())
                    .defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/signin"), request -> true))
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

  private static RequestMatcher api() {
    return request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }

  private static boolean notFromABrowser(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return true;
    }
    return request.getHeader("Cookie") == null && request.getHeader("Origin") == null;
  }
}
