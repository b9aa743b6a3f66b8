package org.ccs.server.media;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ccs.server.security.PasswordHasher;

/**
 * Access keys of chat entry points and open-media connectors: 256 random bits, shown once when made,
 * stored only as a PBKDF2 hash like the passwords ({@link PasswordHasher}). Checking a key against its
 * slow hash costs a PBKDF2 run; once a key has been verified, a SHA-256 of it is kept in memory (never
 * stored) so that later requests compare in constant time without another PBKDF2 run, and a different
 * key for the same hash is refused at once. Changing the key (a new hash) forgets the remembered one.
 */
public final class AccessKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Verified(String storedHash, byte[] digest) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    /** A new random key (URL-safe, 43 characters). */
    public static String newKey() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The hash to store for a key. */
    public static String hash(String key) {
        return PasswordHasher.hash(key.toCharArray());
    }

    /** A random token for a chat's customer, and {@link #sha256Hex} of it is what the database keeps. */
    public static String newToken() {
        return newKey();
    }

    public static String sha256Hex(String s) {
        return HexFormat.of().formatHex(sha256(s));
    }

    /** Constant-time comparison of a presented token with the stored SHA-256 (hex). */
    public static boolean tokenMatches(String presented, String storedHex) {
        if (presented == null || storedHex == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256Hex(presented).getBytes(StandardCharsets.US_ASCII),
                storedHex.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * True when {@code presented} is the key of {@code storedHash}; {@code owner} names the entry point
     * or connector (e.g. "chat:3") for the memory of verified keys.
     */
    public boolean verify(String owner, String storedHash, String presented) {
        if (storedHash == null || presented == null || presented.isEmpty() || presented.length() > 200) {
            return false;
        }
        byte[] digest = sha256(presented);
        Verified known = verified.get(owner);
        if (known != null && known.storedHash().equals(storedHash)) {
            return MessageDigest.isEqual(known.digest(), digest);
        }
        if (!PasswordHasher.verify(presented.toCharArray(), storedHash)) {
            return false;
        }
        verified.put(owner, new Verified(storedHash, digest));
        return true;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
