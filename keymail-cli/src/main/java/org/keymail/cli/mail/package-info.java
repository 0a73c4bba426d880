/**
 * {@code keymail mail}: the user's mail from the terminal through the server's mail API. The MIME
 * and the S/MIME are built and read here with keymail-smime; only the private-key steps go to the
 * vault over the API, so the key never reaches this computer.
 */
package org.keymail.cli.mail;
