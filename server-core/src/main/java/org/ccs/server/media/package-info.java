/**
 * Text media: the contact center mailboxes (IMAP, the mail stays on the server), web chat entry
 * points and other text channels, and how their contacts reach
 * {@link org.ccs.server.contact.ContactIngestion}.
 */
package org.ccs.server.media;
