/**
 * Enrollment, "Request a certificate": the templates users may request, a request with a key the
 * vault makes for the user (installed at once when issued) or with a PKCS#10 of a key the client
 * holds, the status of one's requests, "Install this certificate", and the certificate pages over
 * the same API. {@link org.keymail.server.enrollment.Enrollment} goes between the vault and the CA;
 * no private key ever travels.
 */
package org.keymail.server.enrollment;
