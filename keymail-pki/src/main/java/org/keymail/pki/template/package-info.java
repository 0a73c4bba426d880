/**
 * Certificate templates: what a certificate is for (its {@link
 * org.keymail.pki.template.TemplateProfile}), which keys it may certify, how long it lives and who
 * approves it. Smartcard Logon, Secure Email and User are built in; administrators edit them and
 * add their own through {@link org.keymail.pki.template.Templates}.
 */
package org.keymail.pki.template;
