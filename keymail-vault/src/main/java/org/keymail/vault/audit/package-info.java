/** The audit log: every security-relevant event, hash-chained so tampering shows. */
package org.keymail.vault.audit;
