package org.ccs.server.contact;

/** The medium a contact came over. */
public enum Channel {
    VOICE, EMAIL, CHAT, OPEN_MEDIA
}
