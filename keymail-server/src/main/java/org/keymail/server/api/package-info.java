/**
 * The REST API under {@code /api/v1} (JSON), described by the hand-written OpenAPI 3 document
 * served at {@code /api/v1/openapi.yaml}. Every failure a client can act on is answered in one
 * place, {@link org.keymail.server.api.ApiErrors}, as {@code {"error", "message"}} with the
 * matching HTTP status; no stack trace leaves the server.
 */
package org.keymail.server.api;
