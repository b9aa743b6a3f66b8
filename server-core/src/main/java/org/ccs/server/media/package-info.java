/**
 * Text media: the contact center mailboxes (IMAP, the mail stays on the server; see the {@code mail}
 * sub-package), web chat entry points and open-media connectors, and how their contacts reach
 * {@link org.ccs.server.contact.ContactIngestion}. {@link org.ccs.server.media.TextChannels} is the
 * chat and open-media logic (plain Java, tested outside the container);
 * {@link org.ccs.server.media.Conversation} is an open conversation while it is routed and handled
 * (contact records are immutable, so the record with its transcript is written when it ends);
 * {@link org.ccs.server.media.MediaChannels} starts and holds it all in the server once the database
 * is ready; {@link org.ccs.server.media.MediaConfiguration} is what the manager configures.
 */
package org.ccs.server.media;
