/** How fast a mailbox opens: the first page of a small and of a large folder. */
package org.keymail.bench.mail;
