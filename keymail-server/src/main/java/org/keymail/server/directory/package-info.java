/**
 * The directory, the organisation's global address list ({@code /api/v1/directory}): active users
 * with an e-mail certificate of the organisation's CA that is valid now, so coworkers can encrypt
 * to each other without any exchange. The people come from the vault, their certificates from the
 * CA's records.
 */
package org.keymail.server.directory;
