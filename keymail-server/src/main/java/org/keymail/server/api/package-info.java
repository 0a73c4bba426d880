/**
 * The REST API under {@code /api/v1} (JSON), described by the hand-written OpenAPI 3 document
 * served at {@code /api/v1/openapi.yaml}. Every failure is answered from one table, {@link
 * org.keymail.server.problem.ProblemMap}, as an RFC 9457 problem with the matching HTTP status; no
 * stack trace leaves the server.
 */
package org.keymail.server.api;
