package org.ccs.server.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The identity store both web modules authenticate against: logins of app_user, checked against the
 * salted slow hash. An unknown user costs the same time as a wrong password, so that timing does not
 * tell which user names exist. Logs never carry the user name or password.
 */
@ApplicationScoped
public class CcsIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(CcsIdentityStore.class.getName());
    /** Verified against when the user does not exist, to spend the same time. */
    private static final String DUMMY_HASH = PasswordHasher.hash("not-a-password".toCharArray());

    @Inject
    UserAccountService accounts;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential upc)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Optional<UserAccount> account;
        try {
            account = accounts.findByUsername(upc.getCaller());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "login not possible: the user store is unavailable ({0})", e.getClass().getSimpleName());
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        char[] password = upc.getPassword().getValue();
        if (account.isEmpty()) {
            PasswordHasher.verify(password, DUMMY_HASH);
            return CredentialValidationResult.INVALID_RESULT;
        }
        UserAccount user = account.get();
        if (!user.enabled() || !PasswordHasher.verify(password, user.passwordHash())) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(user.username(), Set.of(user.role().name()));
    }
}
