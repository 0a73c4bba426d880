/**
 * The keymail server: a Spring Boot application, HTTPS only, that serves the sign-in and activation
 * pages, the REST API under {@code /api/v1} and {@code /actuator/health}. It holds no crypto of its
 * own beyond its TLS certificate: users' keys, PassKeys and sessions are the vault's, reached
 * through the small adapters in {@code org.keymail.server.vault}.
 *
 * <p>Start it with {@link org.keymail.server.KeymailServer#start(ServerOptions)}.
 */
package org.keymail.server;
