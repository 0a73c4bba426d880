package org.keymail.smime.select;

/**
 * Who will read the mail a certificate is chosen for. Outside correspondents do not trust the
 * organisation's internal CA, so for them a publicly trusted certificate is preferred; coworkers
 * trust both, so for them the two kinds rank equal.
 */
public enum Audience {
  INTERNAL,
  EXTERNAL
}
