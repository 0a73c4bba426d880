/**
 * The server's only door into the vault: a few small adapters, each opening or calling one part of
 * {@code keymail-vault}. Controllers and pages use these, never the vault's classes directly, so
 * the vault can change behind them.
 */
package org.keymail.server.vault;
