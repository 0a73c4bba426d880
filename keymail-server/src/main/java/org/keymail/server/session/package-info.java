/**
 * Browser sessions in the vault's database (Spring Session JDBC, tables of the vault's migration
 * {@code V10__browser_sessions.sql}), so that several server nodes behind a load balancer serve one
 * signed-in browser without sticky sessions, and signing out on one node signs out on all. Only
 * keymail's own small values are kept there, and only they are read back.
 */
package org.keymail.server.session;
