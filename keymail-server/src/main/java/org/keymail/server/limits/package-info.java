/**
 * What the server takes from one client: body sizes, and rate limits on what anyone can call
 * without signing in (per client address, and per account for sign-in starts).
 */
package org.keymail.server.limits;
