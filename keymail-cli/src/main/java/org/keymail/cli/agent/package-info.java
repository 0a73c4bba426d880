/**
 * {@code keymail agent}: the commands that start, watch and stop the keymail agent, the process
 * that keeps the connections to the keymail server ({@link org.keymail.cli.client.Agent}).
 */
package org.keymail.cli.agent;
