package dev.tempest.verifier.code;

import java.util.List;

/**
 * A source file to run: written as {@code fileName}, run as {@code interpreter} + its path.
 * {@code reservedAddressSpace} is what the interpreter reserves and never uses as memory, allowed
 * on top of the memory limit.
 */
record Program(String fileName, String source, List<String> interpreter, long reservedAddressSpace) {

    Program {
        interpreter = List.copyOf(interpreter);
    }
}
