package org.keymail.server.signin;

/**
 * The two states of a signed-in person, as Spring Security authorities. {@link #SIGNED_IN}: a
 * browser whose user signed in with a PassKey and access code, keys open or locked since; the
 * webmail ({@code /mail/**}) asks no more. {@link #UNLOCKED}: the unlock session is open, so the
 * user's keys can be used; everything else asks for it.
 */
public final class Roles {

  public static final String SIGNED_IN = "ROLE_SIGNED_IN";
  public static final String UNLOCKED = "ROLE_UNLOCKED";

  private Roles() {}
}
