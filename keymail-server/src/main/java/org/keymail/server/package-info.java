/**
 * The keymail server: a Spring Boot application, HTTPS only (plus a plain-HTTP listener for the
 * CA's public {@code /pki/} URLs), that serves the browser pages, the REST API under {@code
 * /api/v1} (described by the hand-written {@code /api/v1/openapi.yaml}) and {@code
 * /actuator/health}. It holds no crypto of its own beyond its TLS certificate: users' keys,
 * PassKeys and sessions are the vault's, certificates the CA's.
 *
 * <p>One package per feature, each with its controllers, pages and adapters to the vault and the
 * CA: {@code signin}, {@code passkey}, {@code keys}, {@code enrollment}, {@code directory}, {@code
 * admin}, {@code mail} (the mail servers and the users' mailboxes); the CA's public URLs and wiring
 * in {@code pki}, the vault's wiring in {@code vault}; what every feature shares in {@code web},
 * {@code problem} and {@code limits}; the TLS identity in {@code tls}; the settings signatures are
 * judged under in {@code verdict}.
 *
 * <p>Start it with {@link org.keymail.server.KeymailServer#start(ServerOptions)}.
 */
package org.keymail.server;
