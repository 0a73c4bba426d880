/**
 * Certificate sign-in (mutual TLS): a second HTTPS listener, the only one that asks the browser for
 * a client certificate ({@link org.keymail.server.signin.certificate.CertificateListener}), and the
 * check that turns a presented certificate into a signed-in person or a sentence saying why not
 * ({@link org.keymail.server.signin.certificate.CertificateSignInCheck}). A certificate signs a
 * person in; their keys still open with a PassKey and its access code only.
 */
package org.keymail.server.signin.certificate;
