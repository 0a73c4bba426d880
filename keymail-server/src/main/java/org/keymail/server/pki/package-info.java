/**
 * The organisation's certificate authority in the server: opened once per server ({@link
 * org.keymail.server.pki.PkiWiring}, its events in the vault's audit log), and its public URLs
 * under {@code /pki/} without sign-in (CA certificates, CRLs, OCSP), on the HTTPS port and on the
 * plain-HTTP listener that serves nothing else; the CRLs are kept fresh on a schedule.
 */
package org.keymail.server.pki;
