package org.ccs.server.contact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.ccs.server.common.Settings;

/**
 * Turns collected data (IVR digits, the PBX's user data of a call) into {@link ContactData} without ever
 * storing the plain value: agents see a masked form (all but the last two characters replaced by
 * {@code *}); when the site gives a key, the value is also kept encrypted with AES-256-GCM (random 96-bit
 * IV, the contact's source reference as associated data, stored as base64 of IV + ciphertext + tag).
 *
 * <p>Key at run time only: {@code ccs.contact.data.key} / {@code CCS_CONTACT_DATA_KEY} (base64 of 32
 * bytes) and {@code ccs.contact.data.key.id} (the name stored beside each value so that keys can be
 * rotated; default {@code site-1}). Without a key only the masked form is stored.
 */
public final class ContactDataProtection {

    /** IVR-collected digits. */
    public static final String IVR_DIGITS = "ivr_digits";
    /** The user data (UUI) the PBX carried with the call. */
    public static final String USER_DATA = "user_data";

    private static final int IV_BYTES = 12;
    static final int MAX_VALUE_CHARS = 512;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;

    private ContactDataProtection(byte[] key, String keyId) {
        this.key = key == null ? null : new SecretKeySpec(key, "AES");
        this.keyId = keyId;
    }

    /** From the run-time settings; a key that is not base64 of 32 bytes is refused with the reason. */
    public static ContactDataProtection fromSettings() {
        Optional<String> encoded = Settings.get("ccs.contact.data.key");
        if (encoded.isEmpty() || encoded.get().isBlank()) {
            return maskingOnly();
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.get().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ccs.contact.data.key is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("ccs.contact.data.key must be 32 bytes (AES-256), it has " + key.length);
        }
        return withKey(key, Settings.get("ccs.contact.data.key.id", "site-1"));
    }

    public static ContactDataProtection maskingOnly() {
        return new ContactDataProtection(null, null);
    }

    public static ContactDataProtection withKey(byte[] key, String keyId) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes");
        }
        if (keyId == null || keyId.isBlank() || keyId.length() > 64) {
            throw new IllegalArgumentException("a key id has 1 to 64 characters");
        }
        return new ContactDataProtection(key.clone(), keyId);
    }

    public boolean encrypts() {
        return key != null;
    }

    /** IVR digits of a contact: masked, and encrypted when a key is configured. */
    public ContactData digits(ContactRecord contact, int seq, String digits, Instant collectedAt) {
        return protect(contact, seq, IVR_DIGITS, digits, collectedAt);
    }

    /**
     * The call's user data (hex as the PBX sent it): text when the bytes are printable ASCII (an IVR that
     * writes the digits there), otherwise kept as hex; masked, and encrypted when a key is configured.
     */
    public ContactData userData(ContactRecord contact, int seq, String hex, Instant collectedAt) {
        return protect(contact, seq, USER_DATA, printable(hex), collectedAt);
    }

    private ContactData protect(ContactRecord contact, int seq, String dataKey, String plain, Instant collectedAt) {
        if (plain == null || plain.isBlank()) {
            throw new IllegalArgumentException("no value to keep");
        }
        // the stored ciphertext is bounded (encrypted_value varchar(1024)): longer values are cut
        String value = plain.length() > MAX_VALUE_CHARS ? plain.substring(0, MAX_VALUE_CHARS) : plain;
        String masked = mask(value);
        if (key == null) {
            return ContactData.masked(contact, seq, dataKey, masked, collectedAt);
        }
        return ContactData.maskedAndEncrypted(contact, seq, dataKey, masked,
                encrypt(value, contact.sourceRef()), keyId, collectedAt);
    }

    /** All but the last two characters as {@code *}, at most 64 characters: {@code 4711} -> {@code **11}. */
    public static String mask(String value) {
        String v = value.strip();
        int keep = v.length() > 2 ? 2 : 0;
        int stars = Math.min(v.length() - keep, 62);
        return "*".repeat(Math.max(stars, 1)) + v.substring(v.length() - keep);
    }

    /** The plain value back, for the one who holds the key (tests, a DBA answering an access request). */
    public String decrypt(ContactData data) {
        if (key == null || data.encryptedValue() == null) {
            throw new IllegalStateException("no key or no encrypted value");
        }
        byte[] all = Base64.getDecoder().decode(data.encryptedValue());
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            c.updateAAD(data.contact().sourceRef().getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the value cannot be decrypted with key " + keyId);
        }
    }

    private String encrypt(String value, String associated) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] all = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, all, 0, IV_BYTES);
            System.arraycopy(sealed, 0, all, IV_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    static String printable(String hex) {
        String h = hex.strip();
        try {
            byte[] b = HexFormat.of().parseHex(h);
            for (byte x : b) {
                if (x < 0x20 || x > 0x7e) {
                    return h;
                }
            }
            return b.length == 0 ? h : new String(b, StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return h;
        }
    }
}
