/**
 * Who is signed in: an unlock session of the vault, presented either as {@code Authorization:
 * Bearer <session token>} (remote clients) or held in the browser's HTTP session after the PassKey
 * sign-in page. There is no password login of any kind.
 */
package org.keymail.server.signin;
