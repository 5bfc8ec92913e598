package coop.cluster.infra.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A small parser for {@code --name value}, {@code --name=value} and {@code --flag} options. The
 * mains of this module are started by scripts and by the test harness, so unknown options are
 * refused loudly instead of being ignored.
 */
public final class CommandLine {

    private final Map<String, List<String>> values;

    private CommandLine(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * @param args the arguments
     * @param options names (without {@code --}) of options that take a value
     * @param flags names (without {@code --}) of options that take no value
     */
    public static CommandLine parse(String[] args, Set<String> options, Set<String> flags) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException(
                        "unexpected argument '" + arg + "'" + usageHint(options, flags));
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new IllegalArgumentException("option --" + name + " takes no value");
                }
                value = "true";
            } else if (options.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("option --" + name + " needs a value");
                    }
                    value = args[++i];
                }
            } else {
                throw new IllegalArgumentException(
                        "unknown option --" + name + usageHint(options, flags));
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new CommandLine(values);
    }

    private static String usageHint(Set<String> options, Set<String> flags) {
        Set<String> all = new TreeSet<>(options);
        all.addAll(flags);
        StringBuilder sb = new StringBuilder(" (known options:");
        all.forEach(o -> sb.append(" --").append(o));
        return sb.append(')').toString();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The last value given for the option. */
    public Optional<String> value(String name) {
        List<String> list = values.get(name);
        return list == null ? Optional.empty() : Optional.of(list.getLast());
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, Collections.emptyList());
    }

    public String required(String name) {
        return value(name)
                .orElseThrow(
                        () -> new IllegalArgumentException("option --" + name + " is required"));
    }

    public int intValue(String name, int defaultValue) {
        return value(name).map(v -> parseInt(name, v)).orElse(defaultValue);
    }

    public static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'", e);
        }
    }

    public static int parsePort(String name, String value) {
        int port = parseInt(name, value);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be a TCP port (1-65535), got " + port);
        }
        return port;
    }

    public int port(String name, int defaultValue) {
        return value(name).map(v -> parsePort("--" + name, v)).orElse(defaultValue);
    }
}
