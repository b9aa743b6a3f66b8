package org.ccs.server.media;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ccs.server.agent.Agent;
import org.ccs.server.agent.AgentGroup;
import org.ccs.server.routing.AgentMediaSkill;
import org.ccs.server.routing.MediaType;

/**
 * What the manager configures for text media: contact center mailboxes (the password stays outside
 * the database: the mailbox names a credential alias), chat entry points and open-media connectors
 * with their access keys (shown once, stored as hashes), and which media each agent may handle.
 */
@Stateless
public class MediaConfiguration {

    @PersistenceContext(unitName = "ccs")
    EntityManager em;

    /** A mailbox as the Manager shows it (no password: there is none here). */
    public record MailboxView(long id, String address, String displayName, String imapHost, int imapPort, String folder,
                              String login, String credentialAlias, String smtpHost, int smtpPort, String sentFolder,
                              String errorFolder, Long groupId, boolean active) {
        static MailboxView of(Mailbox m) {
            Mailbox.ImapAccount a = m.imapAccount();
            return new MailboxView(m.id(), m.address(), m.displayName(), a.host(), a.port(), a.folder(), a.loginName(),
                    a.credentialAlias(), m.smtpHost(), m.smtpPort(), m.sentFolder(), m.errorFolder(), m.groupId(), m.active());
        }
    }

    /** A new mailbox. SMTP host/port and folders are optional (defaults: the IMAP host, 465, Sent, CCS-Unparseable). */
    public record NewMailbox(String address, String displayName, String imapHost, Integer imapPort, String folder, String login,
                             String credentialAlias, String smtpHost, Integer smtpPort, String sentFolder, String errorFolder,
                             Long groupId) {
    }

    /** An entry point or connector with its access key: the key is shown this once. */
    public record KeyIssued(String name, String key) {
    }

    public List<MailboxView> mailboxes() {
        return em.createQuery("select m from Mailbox m order by m.address", Mailbox.class).getResultStream()
                .map(MailboxView::of).toList();
    }

    /** Adds a mailbox; {@link MediaChannels#watch} after the commit reads it (once its credential alias resolves). */
    public MailboxView addMailbox(NewMailbox n) {
        if (n == null) {
            throw new IllegalArgumentException("the mailbox is required");
        }
        requireGroup(n.groupId());
        String address = n.address() == null ? null : n.address().strip().toLowerCase(Locale.ROOT);
        if (address != null && !em.createQuery("select m from Mailbox m where m.address = :a", Mailbox.class)
                .setParameter("a", address).getResultList().isEmpty()) {
            throw new MediaException(MediaException.Reason.CONFLICT, "this mailbox exists already");
        }
        Mailbox m = new Mailbox(address, n.displayName(), new Mailbox.ImapAccount(n.imapHost(),
                n.imapPort() == null ? 993 : n.imapPort(), n.folder(), n.login(), n.credentialAlias()), n.groupId());
        if (n.smtpHost() != null || n.smtpPort() != null) {
            m.sendVia(n.smtpHost() == null ? n.imapHost() : n.smtpHost(), n.smtpPort() == null ? 465 : n.smtpPort());
        }
        m.useFolders(n.sentFolder(), n.errorFolder());
        em.persist(m);
        em.flush();
        return MailboxView.of(m);
    }

    public KeyIssued addChatEntryPoint(String entryKey, String name, String allowedOrigin, Long groupId) {
        requireGroup(groupId);
        if (!em.createNamedQuery(ChatEntryPoint.BY_KEY, ChatEntryPoint.class).setParameter("entryKey", entryKey)
                .getResultList().isEmpty()) {
            throw new MediaException(MediaException.Reason.CONFLICT, "this entry point exists already");
        }
        ChatEntryPoint e = new ChatEntryPoint(entryKey, name, allowedOrigin, groupId);
        String key = AccessKeys.newKey();
        e.changeKey(AccessKeys.hash(key));
        em.persist(e);
        return new KeyIssued(e.entryKey(), key);
    }

    /** A new key for the entry point; the old one stops working. */
    public KeyIssued newChatKey(String entryKey) {
        ChatEntryPoint e = em.createNamedQuery(ChatEntryPoint.BY_KEY, ChatEntryPoint.class).setParameter("entryKey", entryKey)
                .getResultStream().findFirst()
                .orElseThrow(() -> new MediaException(MediaException.Reason.NOT_FOUND, "no such entry point"));
        String key = AccessKeys.newKey();
        e.changeKey(AccessKeys.hash(key));
        return new KeyIssued(e.entryKey(), key);
    }

    public KeyIssued addConnector(String name, Long groupId) {
        requireGroup(groupId);
        if (!em.createQuery("select c from OpenMediaConnector c where c.name = :n", OpenMediaConnector.class)
                .setParameter("n", name).getResultList().isEmpty()) {
            throw new MediaException(MediaException.Reason.CONFLICT, "this connector exists already");
        }
        OpenMediaConnector c = new OpenMediaConnector(name, groupId);
        String key = AccessKeys.newKey();
        c.changeKey(AccessKeys.hash(key));
        em.persist(c);
        return new KeyIssued(c.name(), key);
    }

    /** Which media the agent may handle and how many in parallel; media not named are taken away. */
    public Map<MediaType, Integer> setAgentMedia(String agentLogin, Map<MediaType, Integer> limits) {
        Agent agent = em.createNamedQuery(Agent.BY_LOGIN, Agent.class).setParameter("login", agentLogin)
                .getResultStream().findFirst()
                .orElseThrow(() -> new MediaException(MediaException.Reason.NOT_FOUND, "no such agent"));
        List<AgentMediaSkill> current = em.createNamedQuery(AgentMediaSkill.OF_AGENT, AgentMediaSkill.class)
                .setParameter("agentId", agent.id()).getResultList();
        Map<MediaType, Integer> wanted = limits == null ? Map.of() : limits;
        for (AgentMediaSkill s : current) {
            Integer max = wanted.get(s.media());
            if (max == null || max == 0) {
                em.remove(s);
            } else {
                s.limitTo(max);
            }
        }
        for (Map.Entry<MediaType, Integer> e : wanted.entrySet()) {
            if (e.getValue() != null && e.getValue() > 0 && current.stream().noneMatch(s -> s.media() == e.getKey())) {
                em.persist(new AgentMediaSkill(agent.id(), e.getKey(), e.getValue()));
            }
        }
        Map<MediaType, Integer> out = new EnumMap<>(MediaType.class);
        wanted.forEach((k, v) -> {
            if (v != null && v > 0) {
                out.put(k, v);
            }
        });
        return out;
    }

    private void requireGroup(Long groupId) {
        if (groupId != null && em.find(AgentGroup.class, groupId) == null) {
            throw new MediaException(MediaException.Reason.INVALID, "no such group");
        }
    }
}
