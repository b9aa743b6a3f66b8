package org.ccs.contact;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import java.util.function.Supplier;
import org.ccs.server.media.MediaChannels;
import org.ccs.server.media.TextChannels;

/** Deploys {@link ChatSocket} at /chat with the server's text channels. */
public class ChatSocketConfig implements ServerApplicationConfig {

    static final String PATH = "/chat";

    /** The endpoint at {@code path} over the given channels (the server's, or a test's). */
    public static ServerEndpointConfig endpoint(String path, Supplier<TextChannels> channels) {
        return ServerEndpointConfig.Builder.create(ChatSocket.class, path)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return (T) new ChatSocket(channels);
                    }
                }).build();
    }

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        return Set.of(endpoint(PATH, () -> CDI.current().select(MediaChannels.class).get().text()));
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
