/**
 * Policies an administrator sets at run time (table {@code policies}): each a named, typed value
 * with a default and bounds, changed only through {@link org.keymail.vault.policy.Policies}, which
 * audits every change. The first ones are the unlock session lengths.
 */
package org.keymail.vault.policy;
