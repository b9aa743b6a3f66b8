/**
 * The public text-media interfaces of CCS at /contact (HTTPS only, no login: access keys): the web
 * site's chat (REST under /contact/api/chats and the WebSocket /contact/chat, JSON), the open-media
 * REST interface for connectors (/contact/api/open-media), and a reference chat widget
 * (/contact/widget/). The logic is server-core's {@link org.ccs.server.media.TextChannels}.
 */
package org.ccs.contact;
