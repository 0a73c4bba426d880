package org.keymail.server.signin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.keymail.vault.VaultException;
import org.keymail.vault.session.AccessCodeNeededException;
import org.keymail.vault.session.SessionGate;
import org.keymail.vault.session.SessionToken;
import org.keymail.vault.session.UnlockSession;
import org.keymail.vault.session.UserDisabledException;
import org.keymail.vault.user.User;
import org.keymail.vault.user.UserStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a request's unlock session into its {@link UnlockAuthentication}, one way only: a request
 * with an {@code Authorization} header is judged by that header alone (a remote client's bearer
 * token), any other by the token kept in its browser's HTTP session, or failing that by the
 * certificate sign-in kept there ({@link BrowserCertificate}). A bearer token the vault does not
 * accept leaves the request unauthenticated, whatever cookie it also carries, and does not spare it
 * the CSRF check ({@link #isBearerAuthenticated}). The vault's {@link SessionGate} decides every
 * time; when it refuses, the refusal is kept as a request attribute, so the answer can say why
 * ("your unlock session has ended").
 */
public final class UnlockSessionFilter extends OncePerRequestFilter {

  /** Request attribute holding the {@link VaultException} with which the vault refused. */
  public static final String REFUSAL = UnlockSessionFilter.class.getName() + ".refusal";

  private static final String BEARER_AUTHENTICATED =
      UnlockSessionFilter.class.getName() + ".bearer";

  private static final String BEARER = "Bearer ";

  private final Optional<SessionGate> gate;
  private final SecurityContextRepository contexts;
  private final Function<UUID, Optional<User>> people;

  /**
   * @param gate the vault's gate; empty while the vault has none, in which case no request is ever
   *     unlocked
   * @param contexts where this request's security context is kept (per request): saving it there
   *     tells Spring Security this is an existing session, not a new sign-in, so it does not renew
   *     the session id and CSRF token on every request
   * @param people the vault's users by id, read afresh for a browser signed in by certificate alone
   *     (no unlock session asks the vault for it)
   */
  public UnlockSessionFilter(
      Optional<SessionGate> gate,
      SecurityContextRepository contexts,
      Function<UUID, Optional<User>> people) {
    this.gate = gate;
    this.contexts = contexts;
    this.people = people;
  }

  /**
   * Whether this request was authenticated by a valid bearer token (and so needs no CSRF token).
   */
  public static boolean isBearerAuthenticated(HttpServletRequest request) {
    return Boolean.TRUE.equals(request.getAttribute(BEARER_AUTHENTICATED));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean fromBrowser = request.getHeader("Authorization") == null;
    Optional<SessionToken> token =
        fromBrowser ? BrowserUnlock.current(request) : bearerToken(request);
    if (token.isPresent() && gate.isPresent()) {
      try {
        UnlockSession session = gate.get().require(token.get());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
            new UnlockAuthentication(
                new UnlockedUser(session.userId(), session.passkeyId()), token.get()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        if (!fromBrowser) {
          request.setAttribute(BEARER_AUTHENTICATED, Boolean.TRUE);
        }
      } catch (AccessCodeNeededException idle) {
        request.setAttribute(REFUSAL, idle);
        Optional<UnlockedUser> user = fromBrowser ? BrowserUnlock.user(request) : Optional.empty();
        if (user.isPresent()) {
          // Signed in still, keys locked: the webmail asks for the PassKey before using a key.
          SecurityContext context = SecurityContextHolder.createEmptyContext();
          context.setAuthentication(new KeysLockedAuthentication(user.get()));
          SecurityContextHolder.setContext(context);
          contexts.saveContext(context, request, response);
        }
      } catch (VaultException refused) {
        request.setAttribute(REFUSAL, refused);
        if (fromBrowser) {
          BrowserUnlock.forget(request);
        }
      }
    }
    if (fromBrowser && SecurityContextHolder.getContext().getAuthentication() == null) {
      signedInByCertificate(request, response);
    }
    chain.doFilter(request, response);
  }

  /**
   * A browser signed in with a certificate and no (open or idle) PassKey sign-in: signed in, keys
   * locked, as long as the user is still active; a disabled user is signed out.
   */
  private void signedInByCertificate(HttpServletRequest request, HttpServletResponse response) {
    Optional<BrowserCertificate.CertificateSignIn> certificate =
        BrowserCertificate.current(request);
    if (certificate.isEmpty()) {
      return;
    }
    Optional<User> user = people.apply(certificate.get().userId());
    if (user.isEmpty() || user.get().status() != UserStatus.ACTIVE) {
      BrowserCertificate.forget(request);
      user.ifPresent(u -> request.setAttribute(REFUSAL, new UserDisabledException(u.email())));
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        new KeysLockedAuthentication(UnlockedUser.byCertificate(certificate.get().userId())));
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
  }

  private static Optional<SessionToken> bearerToken(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    try {
      return Optional.of(SessionToken.parse(header.substring(BEARER.length()).strip()));
    } catch (IllegalArgumentException notAToken) {
      // Treated like no token at all: the answer is "present your PassKey".
      return Optional.empty();
    }
  }
}
