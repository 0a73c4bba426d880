/**
 * The directory over LDAP: the global address list served read-only on a port of its own (LDAPS,
 * off unless {@code keymail.directory.ldap.port} is set), so the address books of Thunderbird and
 * Outlook find coworkers and fetch their certificates themselves. UnboundID's listener with
 * keymail's own request handler, which reads the directory as it stands at each search (no copy),
 * so a certificate revoked or issued shows at once. Binds use each person's directory credential
 * from the Dashboard; anonymous binds are refused, writes too.
 */
package org.keymail.server.directory.ldap;
