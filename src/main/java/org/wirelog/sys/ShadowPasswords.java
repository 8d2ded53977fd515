package org.wirelog.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.security.MessageDigest;
import java.util.List;

/**
 * The system's password database, as Dante's {@code username} method checks it: the user's hash from
 * {@code getspnam(3)} (or {@code getpwnam(3)} where there is no shadow entry), and {@code crypt(3)} of the offered
 * password with that hash as its setting. Needs root to read /etc/shadow.
 */
public final class ShadowPasswords {

    /** A C string pointer that may be followed: the first field of struct spwd and of struct passwd. */
    private static final AddressLayout C_STRING = ADDRESS.withTargetLayout(ValueLayout.JAVA_BYTE);
    /** struct spwd { char *sp_namp; char *sp_pwdp; ... }; struct passwd { char *pw_name; char *pw_passwd; ... } */
    private static final long SECOND_FIELD = ADDRESS.byteSize();

    private static final class Functions {
        static final Native LIBC = Native.libc();
        static final MethodHandle GETSPNAM = LIBC.function("getspnam", FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle GETPWNAM = LIBC.function("getpwnam", FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle CRYPT = Native.library(List.of("libcrypt.so.1", "libcrypt.so"))
                .function("crypt", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    }

    private ShadowPasswords() {
    }

    /**
     * Whether {@code password} is the user's password. Unknown users, locked and empty hashes never match.
     * Serialized: getspnam(3) and crypt(3) return static buffers.
     */
    public static synchronized boolean matches(String user, byte[] password) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment name = call.allocateFrom(user);
            String hash = hashOf(name);
            if (hash == null || hash.isEmpty() || hash.startsWith("!") || hash.startsWith("*")) return false;
            MemorySegment key = call.allocate(password.length + 1L);
            key.copyFrom(MemorySegment.ofArray(password));
            MemorySegment setting = call.allocateFrom(hash);
            MemorySegment result = (MemorySegment) Functions.CRYPT.invokeExact(key, setting);
            key.fill((byte) 0);
            if (result.equals(MemorySegment.NULL)) return false;
            String computed = result.reinterpret(Long.MAX_VALUE).getString(0);
            // crypt(3) failure modes return "*0"-style tokens, which never equal a real hash.
            return MessageDigest.isEqual(computed.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    hash.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (Throwable e) {
            throw new IllegalStateException("password check through libc/libcrypt failed", e);
        }
    }

    /** Whether the system's password database (getpwnam(3)) knows the user. */
    public static synchronized boolean hasUser(String user) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment entry = (MemorySegment) Functions.GETPWNAM.invokeExact(call.allocateFrom(user));
            return !entry.equals(MemorySegment.NULL);
        } catch (Throwable e) {
            throw new IllegalStateException("getpwnam(3) failed", e);
        }
    }

    private static String hashOf(MemorySegment name) throws Throwable {
        MemorySegment entry = (MemorySegment) Functions.GETSPNAM.invokeExact(name);
        if (entry.equals(MemorySegment.NULL)) entry = (MemorySegment) Functions.GETPWNAM.invokeExact(name);
        if (entry.equals(MemorySegment.NULL)) return null;
        MemorySegment hash = entry.reinterpret(2 * ADDRESS.byteSize()).get(C_STRING, SECOND_FIELD);
        if (hash.equals(MemorySegment.NULL)) return null;
        return hash.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
