/**
 * How the server judges the signatures of the mail it reads for its users: the settings every
 * verdict it gives is judged under ({@link org.keymail.server.verdict.VerifySettings}).
 */
package org.keymail.server.verdict;
