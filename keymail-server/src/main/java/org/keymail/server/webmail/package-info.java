/**
 * The webmail: reading ({@code read}), contacts ({@code contacts}), writing and sending ({@code
 * compose}) and the S/MIME options ({@code options}), all under {@code /mail}. A browser whose keys
 * locked while idle still reaches these pages; they ask for the PassKey and access code in the page
 * before a key is used ({@link org.keymail.server.signin.SignedIn#keysOrAsk}).
 */
package org.keymail.server.webmail;
