/**
 * Every error the server gives, in one shape: RFC 9457 problems ({@code application/problem+json})
 * from one table ({@link org.keymail.server.problem.ProblemMap}), written by controllers' advice,
 * the security chain, the limits and the servlet container alike.
 */
package org.keymail.server.problem;
