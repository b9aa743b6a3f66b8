/**
 * Contact records: one immutable record per customer contact on any channel, with its legs, and the
 * single application port ({@link org.ccs.server.contact.ContactIngestion}) through which the
 * telephony, mail, chat and open-media adapters hand contacts in.
 */
package org.ccs.server.contact;
