package org.ccs.manager;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.FormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Form login over HTTPS against the CCS identity store (server-core's CcsIdentityStore).
 */
@FormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login.html", errorPage = "/login-error.html"))
@DeclareRoles({"MANAGER", "SUPERVISOR", "DPO"})
@ApplicationScoped
public class SecurityConfig {
}
