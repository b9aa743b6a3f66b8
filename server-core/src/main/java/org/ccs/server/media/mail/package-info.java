/**
 * E-mail as a contact channel (Jakarta Mail; Angus Mail in WildFly): only the contact center
 * mailboxes are read, over IMAP with TLS, with IDLE and a polling fall-back. Each new mail becomes an
 * EMAIL contact record with a reference to the message (mailbox, folder, UIDVALIDITY + UID,
 * Message-ID); the body and attachments stay on the mail server and are read from there
 * ({@link org.ccs.server.media.mail.MailReader}); replies go out over SMTP with TLS keeping the thread
 * ({@link org.ccs.server.media.mail.MailSender}). {@link org.ccs.server.media.mail.MailboxWatcher}
 * is the plain, container-free loop per mailbox: UID bookkeeping, unparseable mail moved aside,
 * outages retried with back-off.
 */
package org.ccs.server.media.mail;
