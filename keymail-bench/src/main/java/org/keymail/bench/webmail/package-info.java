/**
 * The webmail under load: a keymail server with its embedded mail server, many people signed in
 * with software PassKeys at once, listing their inbox, opening signed and encrypted messages and
 * sending them, over HTTPS as a browser does ({@code bench/webmail-load}).
 */
package org.keymail.bench.webmail;
