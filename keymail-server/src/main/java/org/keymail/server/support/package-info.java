/**
 * Contact support: a signed-in person describes a problem or asks a question on {@code /support}
 * (or with {@code POST /api/v1/support/report}) and keymail mails it to the service desk the
 * administrator set ({@code keymail.support.address}) with what support needs to tell what
 * happened: the product version, the server's system and Java, the browser, the person's recent
 * audit events and the server's log lines written while serving them, attached unaltered, each with
 * its SHA-256 in the text. Also the request filter that marks those log lines with the person's
 * user id.
 */
package org.keymail.server.support;
