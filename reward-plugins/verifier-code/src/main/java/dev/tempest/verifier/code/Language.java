package dev.tempest.verifier.code;

import dev.tempest.api.SystemCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a language turns the completion's code and one test into a program, how it runs, and
 * which line of a failed run says why. Every program ends by printing {@code doneToken}: a test
 * passes only if that line is printed, so code that exits early (exit(0) before the tests) fails.
 */
enum Language {

    PYTHON("main.py", 0, "python3", "/usr/bin/python3", "-I", "-B") {
        @Override
        String source(String code, String test, String doneToken) {
            return code + "\n\n" + test + "\n\nprint(\"" + doneToken + "\", flush=True)\n";
        }

        @Override
        String failure(String output) {
            return lastLine(output);  // a traceback ends with the exception
        }
    },

    // V8 reserves its code range up front (512 MiB since node 20), allowed here on top of the
    // memory limit, and sizes its heap from the machine's memory, not the rlimit: without a heap
    // limit it grows the heap until an mmap fails, and aborts.
    JAVASCRIPT("main.js", 512L << 20, "nodejs", "/usr/bin/node", "--max-old-space-size=256") {
        @Override
        String source(String code, String test, String doneToken) {
            // Nested blocks: this assert shadows any the completion declares, and the test may
            // declare its own.
            return code + "\n;\n{\nconst assert = require('node:assert');\n{\n" + test + "\n}\n}\n"
                    + "console.log(\"" + doneToken + "\");\n";
        }

        @Override
        String failure(String output) {
            return firstMatch(JS_ERROR, output);
        }
    },

    JAVA("Main.java", 0, "openjdk-17-jdk-headless", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "-ea", "-Xmx256m",
            "-XX:CompressedClassSpaceSize=64m", "-XX:ReservedCodeCacheSize=64m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1") {
        @Override
        String source(String code, String test, String doneToken) {
            // The launcher runs the first class in the file, so the test comes first and the
            // completion's imports move above it.
            List<String> imports = new ArrayList<>();
            List<String> body = new ArrayList<>();
            for (String line : code.split("\n", -1)) {
                if (JAVA_IMPORT.matcher(line).matches()) {
                    imports.add(line);
                } else if (!JAVA_PACKAGE.matcher(line).matches()) {
                    body.add(line);
                }
            }
            return String.join("\n", imports) + "\n"
                    + "class " + JAVA_TEST_CLASS + " {\n"
                    + "public static void main(String[] args) throws Throwable {\n"
                    + test + "\n"
                    + "System.out.println(\"" + doneToken + "\");\n"
                    + "}\n}\n"
                    + String.join("\n", body) + "\n";
        }

        @Override
        String failure(String output) {
            return firstMatch(JAVA_ERROR, output);
        }
    };

    private static final String JAVA_TEST_CLASS = "TempestTest";
    private static final Pattern JS_ERROR = Pattern.compile("^\\w*(Error|Exception)\\b.*");
    private static final Pattern JAVA_ERROR = Pattern.compile(".*(: error: |^Exception in thread ).*");
    private static final Pattern JAVA_IMPORT = Pattern.compile("\\s*import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;\\s*");
    private static final Pattern JAVA_PACKAGE = Pattern.compile("\\s*package\\s+[\\w.]+\\s*;\\s*");

    private final String fileName;
    private final long reservedAddressSpace;
    private final String debianPackage;
    private final List<String> interpreter;

    Language(String fileName, long reservedAddressSpace, String debianPackage, String... interpreter) {
        this.fileName = fileName;
        this.reservedAddressSpace = reservedAddressSpace;
        this.debianPackage = debianPackage;
        this.interpreter = List.of(interpreter);
    }

    /** The language a task names: python, javascript or java; IllegalArgumentException for others. */
    static Language named(String name) {
        return Arrays.stream(values())
                .filter(language -> language.name().equals(name.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "language must be python, javascript or java, got '" + name + "'"));
    }

    /** The interpreter for tempest doctor, by its command name: installed, and which version. */
    SystemCheck check() {
        Path executable = Path.of(interpreter.get(0));
        return SystemProgram.check(executable.getFileName().toString(), executable, "apt-get install " + debianPackage);
    }

    Program program(String code, String test, String doneToken) {
        return new Program(fileName, source(code, test, doneToken), interpreter, reservedAddressSpace);
    }

    abstract String source(String code, String test, String doneToken);

    /** The line of a failed run's output that says why it failed; empty if there is no output. */
    abstract String failure(String output);

    private static String firstMatch(Pattern pattern, String output) {
        return output.lines().filter(line -> pattern.matcher(line).matches()).findFirst()
                .orElseGet(() -> lastLine(output));
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }
}
