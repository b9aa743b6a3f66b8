package org.ccs.server.security;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;

/** Logins: look-up for authentication and creation of accounts. */
@Stateless
public class UserAccountService {

    @PersistenceContext(unitName = "ccs")
    EntityManager em;

    @Inject
    Clock clock;

    public Optional<UserAccount> findByUsername(String username) {
        return em.createNamedQuery(UserAccount.BY_USERNAME, UserAccount.class)
                .setParameter("username", username)
                .getResultStream().findFirst();
    }

    public boolean hasAccountWithRole(Role role) {
        return em.createNamedQuery(UserAccount.COUNT_BY_ROLE, Long.class)
                .setParameter("role", role).getSingleResult() > 0;
    }

    /** Creates a login; the password is hashed here and never kept. */
    public UserAccount create(String username, char[] password, Role role, Long agentId) {
        if (findByUsername(username).isPresent()) {
            throw new IllegalArgumentException("the user name is already taken");
        }
        UserAccount account = new UserAccount(username, PasswordHasher.hash(password), role, agentId, clock.instant());
        em.persist(account);
        return account;
    }
}
