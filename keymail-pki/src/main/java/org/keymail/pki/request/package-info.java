/**
 * Certificate requests, the certsrv-like flow: a user submits a PKCS#10 request for a template; it
 * is checked ({@link org.keymail.pki.request.CsrCheck}), then issued at once or held as pending
 * until an administrator approves or denies it. Every step is an audit event in the same
 * transaction as the change.
 */
package org.keymail.pki.request;
