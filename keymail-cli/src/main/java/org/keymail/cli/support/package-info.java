/**
 * {@code keymail support}: contacting the organisation's service desk from the terminal, as the
 * webmail's Support page does.
 */
package org.keymail.cli.support;
