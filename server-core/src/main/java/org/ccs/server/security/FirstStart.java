package org.ccs.server.security;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import org.ccs.server.agent.Agent;
import org.ccs.server.common.Settings;
import org.ccs.server.telephony.DesignatedNumber;

/**
 * What the first start of a site creates. There is no default password anywhere: the manager
 * account "manager" gets the password given in ccs.initial.manager.password (environment
 * CCS_INITIAL_MANAGER_PASSWORD) or, without one, a random password printed once on the console.
 * For the local demo (bin/ccs-run) ccs.demo.agent.password also creates agents "agent2001" and
 * "agent2002" on extensions 2001 and 2002 and the designated number 4000; a site never sets it.
 */
@Stateless
public class FirstStart {

    private static final Logger LOG = Logger.getLogger(FirstStart.class.getName());
    public static final String MANAGER_USERNAME = "manager";

    @PersistenceContext(unitName = "ccs")
    EntityManager em;

    @Inject
    UserAccountService accounts;

    @Inject
    Clock clock;

    public void run() {
        if (!accounts.hasAccountWithRole(Role.MANAGER)) {
            Optional<String> given = Settings.get("ccs.initial.manager.password");
            String password = given.orElseGet(() -> PasswordHasher.randomPassword(20));
            accounts.create(MANAGER_USERNAME, password.toCharArray(), Role.MANAGER, null);
            if (given.isPresent()) {
                LOG.info("First start: created the manager account '" + MANAGER_USERNAME
                        + "' with the password given in CCS_INITIAL_MANAGER_PASSWORD");
            } else {
                // printed once, on the console only, never stored in clear
                System.out.println("\n=== CCS first start: manager account '" + MANAGER_USERNAME + "', password: "
                        + password + " (shown once; change it after the first login) ===\n");
            }
        }
        Settings.get("ccs.demo.agent.password").ifPresent(this::seedDemo);
    }

    private void seedDemo(String agentPassword) {
        if (accounts.findByUsername("agent2001").isPresent()) {
            return;
        }
        Agent agent = new Agent("agent2001", "Alex", "Example", "2001", clock.instant());
        em.persist(agent);
        // a second agent, so that the simulator's transfer and conference scenarios reach a monitored colleague
        Agent colleague = new Agent("agent2002", "Sam", "Example", "2002", clock.instant());
        em.persist(colleague);
        em.flush();
        accounts.create("agent2001", agentPassword.toCharArray(), Role.AGENT, agent.id());
        accounts.create("agent2002", agentPassword.toCharArray(), Role.AGENT, colleague.id());
        boolean hasNumber = !em.createQuery("select d from DesignatedNumber d where d.device = '4000'", DesignatedNumber.class)
                .getResultList().isEmpty();
        if (!hasNumber) {
            em.persist(new DesignatedNumber("4000", DesignatedNumber.Kind.ACD_GROUP, "Demo hotline"));
        }
        LOG.info("Demo: created agent logins 'agent2001' and 'agent2002' on extensions 2001 and 2002 and designated number 4000");
    }
}
