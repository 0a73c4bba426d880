/**
 * The web layer's security rules and the browser pages: sign in with a PassKey, activate a PassKey,
 * the (for now empty) home page.
 */
package org.keymail.server.web;
