package org.wirelog.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;

/** Looks up C functions for the bindings in this package: one library, first of the names that loads. */
final class Native {

    static final Linker LINKER = Linker.nativeLinker();

    private final String library;
    private final SymbolLookup lookup;

    private Native(String library, SymbolLookup lookup) {
        this.library = library;
        this.lookup = lookup;
    }

    static Native library(List<String> names) {
        IllegalArgumentException last = null;
        for (String name : names) {
            try {
                return new Native(name, SymbolLookup.libraryLookup(name, Arena.global()));
            } catch (IllegalArgumentException notHere) {
                last = notHere;
            }
        }
        throw new UnsatisfiedLinkError("cannot load any of " + names + (last == null ? "" : ": " + last.getMessage()));
    }

    static Native libc() {
        return new Native("libc", LINKER.defaultLookup());
    }

    MethodHandle function(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        var symbol = lookup.find(name).orElseThrow(() -> new UnsatisfiedLinkError(library + " has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }
}
