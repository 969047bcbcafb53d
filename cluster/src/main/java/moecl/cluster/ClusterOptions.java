package moecl.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to reach a cluster: a Hazelcast member YAML config ({@code --cluster FILE.yaml}) or a member list
 * ({@code --members HOST:PORT,...}, TCP/IP join with exactly those members), and the port this process's member
 * listens on ({@code --port}; null: a default). Bad input fails here or when the config is built, with a one-line
 * {@link IllegalArgumentException}.
 *
 * @param configFile a Hazelcast member YAML config, or null
 * @param members    {@code HOST:PORT} entries, or empty
 * @param port       this member's port, or null
 */
public record ClusterOptions(Path configFile, List<String> members, Integer port) {

    /** A member address of {@code --members}. */
    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public ClusterOptions {
        members = members == null ? List.of() : List.copyOf(members);
        if (configFile != null && !members.isEmpty()) {
            throw new IllegalArgumentException("give --cluster FILE or --members HOST:PORT,..., not both");
        }
        for (String m : members) {
            parseMember(m);
        }
        if (port != null) {
            checkPort("--port ", port);
        }
    }

    /** The options of a command line: {@code membersText} is the comma-separated {@code --members} value. */
    public static ClusterOptions parse(Path configFile, String membersText, Integer port) {
        List<String> members = new ArrayList<>();
        if (membersText != null) {
            if (membersText.isBlank()) {
                throw new IllegalArgumentException("--members is empty; give HOST:PORT,..., e.g. 127.0.0.1:5701");
            }
            for (String m : membersText.split(",", -1)) {
                if (m.isBlank()) {
                    throw new IllegalArgumentException("--members '" + membersText + "' has an empty entry; give "
                            + "HOST:PORT,..., e.g. 127.0.0.1:5701,127.0.0.1:5702");
                }
                members.add(m.strip());
            }
        }
        return new ClusterOptions(configFile, members, port);
    }

    /** The members as host and port. */
    public List<HostPort> hostPorts() {
        return members.stream().map(ClusterOptions::parseMember).toList();
    }

    /** {@code HOST:PORT} or {@code [IPv6]:PORT}, port 1 to 65535. */
    public static HostPort parseMember(String text) {
        String s = text == null ? "" : text.strip();
        String host;
        String portText;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0 || end + 1 >= s.length() || s.charAt(end + 1) != ':') {
                throw badMember(text);
            }
            host = s.substring(1, end);
            portText = s.substring(end + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0 || s.indexOf(':') != colon) {
                throw badMember(text);
            }
            host = s.substring(0, colon);
            portText = s.substring(colon + 1);
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%-]+")) {
            throw badMember(text);
        }
        if (!portText.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("--members entry '" + text + "': the port must be a number from 1 to "
                    + "65535");
        }
        int port = Integer.parseInt(portText);
        checkPort("--members entry '" + text + "': port ", port);
        return new HostPort(host, port);
    }

    private static IllegalArgumentException badMember(String text) {
        return new IllegalArgumentException("--members entry '" + text + "' is not HOST:PORT (e.g. 127.0.0.1:5701)");
    }

    static void checkPort(String prefix, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(prefix + port + " is out of range; allowed: 1 to 65535");
        }
    }
}
