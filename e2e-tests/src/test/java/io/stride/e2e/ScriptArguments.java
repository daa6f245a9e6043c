package io.stride.e2e;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The arguments of a command in {@code scripts/}, read front to back; every error names the option at fault.
 */
public final class ScriptArguments {

    /** System property with the directory the script was run from: paths the user types are relative to it. */
    public static final String CALLER_DIR = "stride.caller-dir";

    private final String[] args;
    private int next;

    public ScriptArguments(String[] args) {
        this.args = args.clone();
    }

    /** Whether the arguments ask for the usage text only. */
    public static boolean asksForHelp(String[] args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }

    public boolean hasNext() {
        return next < args.length;
    }

    /** The next argument: an option, or an operand such as a clip. */
    public String next() {
        return args[next++];
    }

    /** The value that follows {@code option}. */
    public String value(String option) {
        if (!hasNext()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return next();
    }

    public int positiveInt(String option) {
        int n = wholeNumber(option);
        if (n <= 0) {
            throw new IllegalArgumentException(option + " must be positive, got " + n);
        }
        return n;
    }

    public int nonNegativeInt(String option) {
        int n = wholeNumber(option);
        if (n < 0) {
            throw new IllegalArgumentException(option + " must not be negative, got " + n);
        }
        return n;
    }

    public double positiveNumber(String option) {
        String value = value(option);
        double n;
        try {
            n = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + value + "'");
        }
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
        return n;
    }

    /** Reads a {@code key=value} value of {@code option} into {@code settings}. */
    public void setting(String option, Map<String, String> settings) {
        String setting = value(option);
        int equals = setting.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException(option + " needs key=value, got '" + setting + "'");
        }
        settings.put(setting.substring(0, equals), setting.substring(equals + 1));
    }

    /** A path as the user typed it: relative to where they ran the script, not to the module the harness runs in. */
    public static Path fromCaller(String file) {
        return Path.of(System.getProperty(CALLER_DIR, ".")).resolve(file).toAbsolutePath().normalize();
    }

    /** The error for an argument that is not one of the command's options. */
    public static IllegalArgumentException unknownOption(String arg) {
        return new IllegalArgumentException("unknown option " + arg);
    }

    private int wholeNumber(String option) {
        String value = value(option);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
        }
    }
}
