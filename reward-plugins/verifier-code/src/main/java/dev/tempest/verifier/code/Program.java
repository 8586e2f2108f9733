package dev.tempest.verifier.code;

import java.util.List;

/** A source file to run: written as {@code fileName}, run as {@code interpreter} + its path. */
record Program(String fileName, String source, List<String> interpreter) {

    Program {
        interpreter = List.copyOf(interpreter);
    }
}
