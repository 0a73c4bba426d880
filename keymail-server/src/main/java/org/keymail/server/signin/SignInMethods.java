package org.keymail.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.keymail.vault.policy.Policies;
import org.keymail.vault.policy.Policy;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The administrators' policies on how people sign in ({@code signin.webmail}, {@code
 * signin.admin-console}): a PassKey, a certificate, either, or both, never a password. Applied to
 * every request of a browser after its roles: what the browser's session proves (a PassKey sign-in,
 * a certificate sign-in of the same person, or both) must be what the policy asks for. A refusal
 * leaves {@link #MISSING} on the request, so the answer can send the person to the sign-in they
 * lack. The policies are read afresh each time, so a change applies at once.
 *
 * <p>Requests with a bearer token (the CLI) signed in with a PassKey and its access code: they meet
 * the webmail's policy whatever it says (it governs browsers), and the admin console's unless it
 * asks for a certificate, which an API client cannot present.
 */
@org.springframework.stereotype.Component
public final class SignInMethods {

  /** Request attribute naming the sign-in a refused request lacks: "certificate" or "passkey". */
  public static final String MISSING = SignInMethods.class.getName() + ".missing";

  /** What a sign-in policy asks for, in the order the policy stores its choices. */
  public enum Requirement {
    PASSKEY,
    CERTIFICATE,
    EITHER,
    BOTH;

    static Requirement of(long stored) {
      return stored >= 0 && stored < values().length ? values()[(int) stored] : PASSKEY;
    }

    /** Whether a certificate may sign someone in under this policy. */
    public boolean allowsCertificate() {
      return this != PASSKEY;
    }

    boolean needsCertificate() {
      return this == CERTIFICATE || this == BOTH;
    }

    boolean met(boolean passKey, boolean certificate) {
      return switch (this) {
        case PASSKEY -> passKey;
        case CERTIFICATE -> certificate;
        case EITHER -> passKey || certificate;
        case BOTH -> passKey && certificate;
      };
    }

    /** The policy's own word for it, as administrators set it. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Policies policies;

  public SignInMethods(Policies policies) {
    this.policies = policies;
  }

  /** What the webmail's policy asks for now. */
  public Requirement webmail() {
    return Requirement.of(policies.get(Policy.SIGNIN_WEBMAIL));
  }

  /** What the admin console's policy asks for now. */
  public Requirement adminConsole() {
    return Requirement.of(policies.get(Policy.SIGNIN_ADMIN_CONSOLE));
  }

  /** Whether either policy lets a certificate sign someone in. */
  public boolean anyAllowsCertificate() {
    return webmail().allowsCertificate() || adminConsole().allowsCertificate();
  }

  /**
   * The webmail and everything of a user's own: a PassKey sign-in counts whether the keys are open
   * or locked since.
   */
  AuthorizationManager<RequestAuthorizationContext> forWebmail() {
    return (authentication, context) ->
        decide(authentication, context.getRequest(), webmail(), PassKeyCounts.SIGNED_IN);
  }

  /**
   * The admin console and the administrators' API: a PassKey counts only while its unlock session
   * is open, as before these policies.
   */
  AuthorizationManager<RequestAuthorizationContext> forAdminConsole() {
    return (authentication, context) ->
        decide(authentication, context.getRequest(), adminConsole(), PassKeyCounts.KEYS_OPEN);
  }

  private enum PassKeyCounts {
    SIGNED_IN,
    KEYS_OPEN
  }

  private static AuthorizationResult decide(
      Supplier<? extends Authentication> supplied,
      HttpServletRequest request,
      Requirement requirement,
      PassKeyCounts counts) {
    Authentication authentication = supplied.get();
    if (UnlockSessionFilter.isBearerAuthenticated(request)) {
      boolean allowed = counts == PassKeyCounts.SIGNED_IN || !requirement.needsCertificate();
      return refuseUnless(allowed, request, "certificate");
    }
    UnlockedUser user;
    if (authentication instanceof UnlockAuthentication unlocked) {
      user = unlocked.getPrincipal();
    } else if (authentication instanceof KeysLockedAuthentication locked) {
      user = locked.getPrincipal();
    } else {
      return new AuthorizationDecision(false);
    }
    boolean passKey =
        counts == PassKeyCounts.KEYS_OPEN
            ? authentication instanceof UnlockAuthentication
            : user.passkey().isPresent();
    boolean certificate = BrowserCertificate.provenFor(request, user.userId());
    boolean met = requirement.met(passKey, certificate);
    if (!met && !(requirement.needsCertificate() && !certificate) && user.passkey().isPresent()) {
      // Only the keys locked while idle: answered as before, "enter your access code".
      return new AuthorizationDecision(false);
    }
    return refuseUnless(
        met, request, requirement.needsCertificate() && !certificate ? "certificate" : "passkey");
  }

  private static AuthorizationResult refuseUnless(
      boolean allowed, HttpServletRequest request, String missing) {
    if (!allowed) {
      request.setAttribute(MISSING, missing);
    }
    return new AuthorizationDecision(allowed);
  }
}
