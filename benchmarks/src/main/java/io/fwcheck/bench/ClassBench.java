package io.fwcheck.bench;

import io.fwcheck.model.Action;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Reads a ClassBench filter set ({@code @src/len<TAB>dst/len<TAB>spLo : spHi<TAB>dpLo : dpHi<TAB>
 * 0xPP/0xMM<TAB>flags/mask}) as an IPv4 ruleset. ClassBench rules have no action: rule {@code i}
 * (0-based) accepts when {@code i} is even and drops when odd, and the default action is DROP, so
 * the accepted set changes with almost every rule. Host bits under the prefix length are ignored
 * (prefix match); a full port range 0-65535 is no condition; a protocol mask of 0x00 is any
 * protocol. TCP flags are ignored. Port ranges narrower than 0-65535 restrict the rule to
 * protocols with ports, as they do in fwcheck's model.
 *
 * <p>The data files stay outside the repository: they are looked up under the directory named by
 * the system property {@code fwcheck.data}, else {@code ../shared/data} relative to the working
 * directory.
 */
final class ClassBench {

    private ClassBench() {}

    /** The data directory holding {@code classbench/}, when there is one. */
    static Optional<Path> dataDirectory() {
        String property = System.getProperty("fwcheck.data");
        Path dir = property != null ? Path.of(property) : Path.of("..", "shared", "data");
        return Files.isDirectory(dir.resolve("classbench")) ? Optional.of(dir) : Optional.empty();
    }

    /** Where {@link #dataDirectory()} looked, for messages. */
    static String whereLooked() {
        String property = System.getProperty("fwcheck.data");
        return property != null ? "-Dfwcheck.data=" + property
                : Path.of("..", "shared", "data").toAbsolutePath().normalize() + " (set -Dfwcheck.data=DIR to look elsewhere)";
    }

    static Ruleset read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = file.getFileName().toString();
        List<Rule> rules = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            int index = rules.size();
            SourceLocation at = new SourceLocation(file.toString(), index + 1, 1);
            try {
                rules.add(new Rule("cb" + (index + 1), index % 2 == 0 ? Action.ACCEPT : Action.DROP, match(line), "", at));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(at + ": not a ClassBench rule: " + line, e);
            }
        }
        return new Ruleset(name, rules, Action.DROP, new SourceLocation(file.toString(), rules.size() + 1, 1));
    }

    private static Match match(String line) {
        String[] f = line.substring(line.indexOf('@') + 1).trim().split("\t");
        Match.Builder b = Match.builder()
                .families(EnumSet.of(IpFamily.IPV4))
                .sources(prefix(f[0]))
                .destinations(prefix(f[1]));
        ports(f[2]).ifPresent(b::sourcePorts);
        ports(f[3]).ifPresent(b::destinationPorts);
        String[] proto = f[4].trim().split("/");
        if (Integer.decode(proto[1]) != 0) {
            b.protocol(Integer.decode(proto[0]));
        }
        return b.build();
    }

    private static AddressSet prefix(String text) {
        String[] p = text.trim().split("/");
        int length = Integer.parseInt(p[1]);
        long value = Address.parse(p[0]).lo();
        long mask = length == 0 ? 0 : (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
        return AddressSet.of(AddressRange.cidr(Address.ipv4(value & mask), length));
    }

    private static Optional<IntRanges> ports(String text) {
        String[] p = text.split(":");
        int lo = Integer.parseInt(p[0].trim());
        int hi = Integer.parseInt(p[1].trim());
        return lo == 0 && hi == Match.PORT_MAX ? Optional.empty() : Optional.of(IntRanges.range(lo, hi));
    }
}
