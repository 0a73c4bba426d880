/**
 * The server's TLS identity: a certificate it makes for itself on first start, kept in the data
 * directory and handed to Spring Boot as the SSL bundle {@code keymail-server}.
 */
package org.keymail.server.tls;
