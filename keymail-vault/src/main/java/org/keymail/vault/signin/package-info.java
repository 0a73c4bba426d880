/**
 * What the server's certificate sign-in keeps in the vault: the certificate authorities an
 * administrator lists for sign-in besides the organisation's own ({@link
 * org.keymail.vault.signin.SignInAuthorityList}).
 */
package org.keymail.vault.signin;
