/**
 * The trust anchors keymail's verifier judges signatures against: the organisation's roots,
 * administrator-imported third-party roots, and the JDK's public roots on opt-in.
 */
package org.keymail.pki.trust;
