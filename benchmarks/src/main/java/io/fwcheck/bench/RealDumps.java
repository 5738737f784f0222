package io.fwcheck.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real iptables dumps of the shared data directory ({@code ../shared/data/iptables}, or
 * {@code iptables/} under {@code -Dfwcheck.data=DIR}), which the repository does not hold.
 */
final class RealDumps {

    /** The largest dump: 6,203 rules, 683 KB (FORWARD flattens to 6,706 rules). */
    static final String LARGEST = "net-network/configs_chair_for_Network_Architectures_and_Services/"
            + "ip6tables-save-2016-06-27_16-29-01";
    /** The largest IPv4 dump: 5,556 rules, 446 KB. */
    static final String LARGEST_V4 = "net-network/configs_chair_for_Network_Architectures_and_Services/"
            + "iptables-save-2016-06-27_16-29-01";

    private RealDumps() {}

    /** The dump at {@code name} under the iptables folder. */
    static Path file(String name) {
        String property = System.getProperty("fwcheck.data");
        Path data = property != null ? Path.of(property) : Path.of("..", "shared", "data");
        Path file = data.resolve("iptables").resolve(name);
        return Optional.of(file).filter(Files::isRegularFile).orElseThrow(() -> new IllegalStateException(
                "SKIPPED: real iptables dump not found at " + file.toAbsolutePath().normalize()
                        + " (set -Dfwcheck.data=DIR to look elsewhere)"));
    }
}
