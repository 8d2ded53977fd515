package org.wirelog.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Linux-PAM through {@code java.lang.foreign}: {@code pam_start}, {@code pam_set_item(PAM_RHOST)},
 * {@code pam_authenticate}, {@code pam_acct_mgmt}, {@code pam_end}, with a conversation function that answers
 * the password prompt (and a user name prompt) from what the client sent.
 */
public final class Pam {

    private static final int PAM_SUCCESS = 0;
    private static final int PAM_CONV_ERR = 19;
    private static final int PAM_RHOST = 4;
    private static final int PAM_PROMPT_ECHO_OFF = 1, PAM_PROMPT_ECHO_ON = 2;
    /** struct pam_message { int msg_style; const char *msg; }: msg_style at 0. */
    private static final long MESSAGE_SIZE = 16;
    /** struct pam_response { char *resp; int resp_retcode; } */
    private static final long RESPONSE_SIZE = 16;

    /** What PAM said: success, or its code and pam_strerror(3) text. */
    public record Result(int code, String text) {
        public boolean ok() {
            return code == PAM_SUCCESS;
        }
    }

    private static final class Functions {
        static final Native PAM = Native.library(List.of("libpam.so.0", "libpam.so"));
        static final Native LIBC = Native.libc();
        static final MethodHandle START = PAM.function("pam_start", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle SET_ITEM = PAM.function("pam_set_item", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        static final MethodHandle AUTHENTICATE = PAM.function("pam_authenticate", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle ACCT_MGMT = PAM.function("pam_acct_mgmt", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle END = PAM.function("pam_end", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle STRERROR = PAM.function("pam_strerror", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        /** PAM frees the responses with free(3), so they come from calloc(3)/strdup(3). */
        static final MethodHandle CALLOC = LIBC.function("calloc", FunctionDescriptor.of(ADDRESS, JAVA_LONG, JAVA_LONG));
        static final MethodHandle STRDUP = LIBC.function("strdup", FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final FunctionDescriptor CONV = FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    }

    private Pam() {
    }

    /**
     * Authenticates and checks the account, as a service does for one login.
     *
     * @param user     the user name, or null to let the service ask (address-only services ask nothing)
     * @param password the password, or null where the client gave none
     * @param rhost    the client's address, for services that decide by it (pam_access, pam_rhosts)
     */
    public static Result login(String service, String user, byte[] password, String rhost) {
        try (Arena call = Arena.ofConfined()) {
            Conversation conversation = new Conversation(call, user, password);
            MemorySegment conv = call.allocate(2 * ADDRESS.byteSize());
            conv.set(ADDRESS, 0, conversation.stub());
            MemorySegment handleOut = call.allocate(ADDRESS);
            MemorySegment userName = user == null ? MemorySegment.NULL : call.allocateFrom(user);
            int code = (int) Functions.START.invokeExact(call.allocateFrom(service), userName, conv, handleOut);
            if (code != PAM_SUCCESS) return new Result(code, "pam_start() failed (" + code + ")");
            MemorySegment handle = handleOut.get(ADDRESS, 0);
            try {
                code = (int) Functions.SET_ITEM.invokeExact(handle, PAM_RHOST, call.allocateFrom(rhost));
                if (code == PAM_SUCCESS) code = (int) Functions.AUTHENTICATE.invokeExact(handle, 0);
                if (code == PAM_SUCCESS) code = (int) Functions.ACCT_MGMT.invokeExact(handle, 0);
                return new Result(code, code == PAM_SUCCESS ? "" : strerror(handle, code));
            } finally {
                int ignored = (int) Functions.END.invokeExact(handle, code);
                conversation.forget();
            }
        } catch (Throwable e) {
            throw new IllegalStateException("PAM through libpam failed", e);
        }
    }

    private static String strerror(MemorySegment handle, int code) throws Throwable {
        MemorySegment text = (MemorySegment) Functions.STRERROR.invokeExact(handle, code);
        return text.equals(MemorySegment.NULL) ? "PAM error " + code : text.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** The conversation function of one login: answers prompts from the client's user name and password. */
    private static final class Conversation {
        private final Arena arena;
        private final MemorySegment user;
        private final MemorySegment password;

        Conversation(Arena arena, String user, byte[] password) {
            this.arena = arena;
            this.user = user == null ? MemorySegment.NULL : arena.allocateFrom(user);
            if (password == null) {
                this.password = MemorySegment.NULL;
            } else {
                this.password = arena.allocate(password.length + 1L);
                this.password.copyFrom(MemorySegment.ofArray(password));
            }
        }

        MemorySegment stub() throws ReflectiveOperationException {
            MethodHandle target = MethodHandles.lookup().findVirtual(Conversation.class, "converse",
                    MethodType.methodType(int.class, int.class, MemorySegment.class, MemorySegment.class, MemorySegment.class));
            return Native.LINKER.upcallStub(target.bindTo(this), Functions.CONV, arena);
        }

        /** int conv(int num_msg, const struct pam_message **msg, struct pam_response **resp, void *appdata) */
        int converse(int count, MemorySegment messages, MemorySegment responsesOut, MemorySegment appdata) {
            try {
                MemorySegment responses = (MemorySegment) Functions.CALLOC.invokeExact((long) count, RESPONSE_SIZE);
                if (responses.equals(MemorySegment.NULL)) return PAM_CONV_ERR;
                responses = responses.reinterpret(count * RESPONSE_SIZE);
                MemorySegment pointers = messages.reinterpret(count * ADDRESS.byteSize());
                for (int i = 0; i < count; i++) {
                    MemorySegment message = pointers.getAtIndex(ADDRESS, i).reinterpret(MESSAGE_SIZE);
                    int style = message.get(JAVA_INT, 0);
                    MemorySegment answer = switch (style) {
                        case PAM_PROMPT_ECHO_OFF -> password;
                        case PAM_PROMPT_ECHO_ON -> user;
                        default -> MemorySegment.NULL; // information and error texts need no answer
                    };
                    if (!answer.equals(MemorySegment.NULL)) {
                        responses.set(ADDRESS, i * RESPONSE_SIZE, (MemorySegment) Functions.STRDUP.invokeExact(answer));
                    }
                }
                responsesOut.reinterpret(ADDRESS.byteSize()).set(ADDRESS, 0, responses);
                return PAM_SUCCESS;
            } catch (Throwable e) {
                return PAM_CONV_ERR;
            }
        }

        void forget() {
            if (!password.equals(MemorySegment.NULL)) password.fill((byte) 0);
        }
    }
}
