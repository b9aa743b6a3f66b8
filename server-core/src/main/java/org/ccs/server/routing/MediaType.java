package org.ccs.server.routing;

import org.ccs.server.contact.Channel;

/** The text media an agent may be allowed to handle. */
public enum MediaType {
    EMAIL, CHAT, OPEN_MEDIA;

    /** The medium of a contact channel; voice is routed by the PBX, not here. */
    public static MediaType of(Channel channel) {
        return switch (channel) {
            case EMAIL -> EMAIL;
            case CHAT -> CHAT;
            case OPEN_MEDIA -> OPEN_MEDIA;
            case VOICE -> throw new IllegalArgumentException("voice contacts are routed by the PBX");
        };
    }

    public Channel channel() {
        return Channel.valueOf(name());
    }
}
