package io.fwcheck.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.model.Address;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A firewall under test in the Linux kernel: two fresh network namespaces, {@code fwc-<random>-fw}
 * and {@code fwc-<random>-probe}, joined by a veth pair whose ends are both named {@code eth0}. What
 * the firewall namespace does with probes depends on the hook under test:
 * <ul>
 *   <li>INPUT: it treats every IPv4 and IPv6 address as its own (local routes for {@code 0.0.0.0/0}
 *       and {@code ::/0}, no reverse-path filter, local sources accepted, no DAD), so a probe with
 *       any source and destination arrives at its INPUT hook through {@code eth0};
 *   <li>FORWARD: it routes every address out of a second veth pair {@code eth1}, to a next hop no
 *       interface has, with forwarding on, so a probe it may route ({@link #routable}) passes its
 *       FORWARD hook from {@code eth0} to {@code eth1};
 *   <li>OUTPUT: it sends the probes itself (raw sockets), routed out of {@code eth0} to that next hop.
 * </ul>
 * Tests load a ruleset ({@link #loadIptables}, or any command with {@link #inFirewall}), then
 * {@link #send} probes (raw Ethernet frames from the probe namespace, or raw IP packets from the
 * firewall's for OUTPUT, built by {@code kernel/send_probes.py}) and learn which ones the ruleset
 * accepted: a counting chain at priority 1000 of the hook, after every table iptables or nftables
 * rulesets use, counts each probe that got through.
 *
 * <p>Traffic goes only into the lab's own namespaces; {@link #close()} deletes both, and every
 * process the lab starts is waited for with a timeout and ended by its own handle.
 */
public final class KernelLab implements AutoCloseable {

    /** The firewall's interface, where probes arrive. */
    public static final String INTERFACE = "eth0";
    /** The interface forwarded probes leave by. */
    public static final String OUT_INTERFACE = "eth1";
    private static final String FW_MAC = "02:00:00:00:00:01";
    private static final String PROBE_MAC = "02:00:00:00:00:02";
    /** The next hop of forwarded probes, which no interface has: they are dropped after forwarding. */
    private static final String GATEWAY_MAC = "02:00:00:00:00:03";
    private static final String GATEWAY_V4 = "198.18.0.1";
    private static final String GATEWAY_V6 = "fe80::1";
    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern COUNTER = Pattern.compile("counter packets (\\d+) bytes \\d+ comment \"p(\\d+)\"");

    /** The result of a command. */
    public record Result(int exitCode, String out, String err) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * One probe: a packet that starts a connection (TCP SYN, UDP datagram, ICMP echo request or
     * timestamp, ICMPv6 echo request or neighbour discovery, or 8 bytes of another protocol).
     *
     * @param a source port, or ICMP type
     * @param b destination port, or ICMP code
     */
    public record Probe(IpFamily family, int protocol, Address source, Address destination, int a, int b) {}

    private final String fw;
    private final String probe;
    private final Path script;
    private final Hook hook;
    private boolean open = true;

    private KernelLab(String fw, String probe, Path script, Hook hook) {
        this.fw = fw;
        this.probe = probe;
        this.script = script;
        this.hook = hook;
    }

    /**
     * Skips the calling test unless kernel tests can run here: as root, on Linux, with {@code ip},
     * {@code nft}, {@code python3} and the given commands (e.g. {@code iptables-restore}).
     */
    public static void assumeAvailable(String... commands) {
        assumeTrue(System.getProperty("os.name", "").toLowerCase().contains("linux"), "kernel tests need Linux");
        Result id = run(null, "id", "-u");
        assumeTrue(id.ok() && id.out().strip().equals("0"), "kernel tests need root (they create network namespaces)");
        List<String> needed = new ArrayList<>(List.of("ip", "nft", "python3"));
        needed.addAll(List.of(commands));
        for (String c : needed) {
            Result r = run(null, "sh", "-c", "command -v " + c);
            assumeTrue(r.ok(), "kernel tests need '" + c + "' (.ci/run installs iptables, nftables, ipset and python3)");
        }
    }

    /** Creates the namespaces and the veth pair for the INPUT hook; call {@link #assumeAvailable} first. */
    public static KernelLab create() {
        return create(Hook.INPUT);
    }

    /** Creates the namespaces and the veth pair for a hook. */
    public static KernelLab create(Hook hook) {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String base = "fwc-" + HexFormat.of().formatHex(random);
        KernelLab lab = new KernelLab(base + "-fw", base + "-probe", copyScript(), hook);
        try {
            lab.setUp();
        } catch (RuntimeException | AssertionError e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private static Path copyScript() {
        try (InputStream in = KernelLab.class.getResourceAsStream("/kernel/send_probes.py")) {
            if (in == null) {
                throw new IllegalStateException("kernel/send_probes.py is not on the test class path");
            }
            Path file = Files.createTempFile("fwcheck-send-probes", ".py");
            file.toFile().deleteOnExit();
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void setUp() {
        must(run(null, "ip", "netns", "add", fw));
        must(run(null, "ip", "netns", "add", probe));
        must(run(null, "ip", "-n", fw, "link", "add", INTERFACE, "type", "veth", "peer", "name", INTERFACE, "netns", probe));
        must(run(null, "ip", "-n", fw, "link", "set", INTERFACE, "address", FW_MAC));
        must(run(null, "ip", "-n", probe, "link", "set", INTERFACE, "address", PROBE_MAC));
        for (String key : List.of("net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0",
                "net.ipv4.conf." + INTERFACE + ".rp_filter=0", "net.ipv4.conf.all.accept_local=1",
                "net.ipv4.conf." + INTERFACE + ".accept_local=1", "net.ipv6.conf.all.accept_dad=0",
                "net.ipv6.conf." + INTERFACE + ".accept_dad=0", "net.ipv6.conf." + INTERFACE + ".disable_ipv6=0")) {
            must(inFirewall(null, "sysctl", "-q", "-w", key));
        }
        // the probe side sends raw frames only: without IPv6 its kernel sends nothing of its own
        must(run(null, "ip", "netns", "exec", probe, "sysctl", "-q", "-w", "net.ipv6.conf." + INTERFACE + ".disable_ipv6=1"));
        for (String ns : List.of(fw, probe)) {
            must(run(null, "ip", "-n", ns, "link", "set", "lo", "up"));
            must(run(null, "ip", "-n", ns, "link", "set", INTERFACE, "up"));
        }
        if (hook == Hook.INPUT) {
            must(run(null, "ip", "-n", fw, "route", "add", "local", "0.0.0.0/0", "dev", "lo", "table", "local"));
            must(run(null, "ip", "-n", fw, "-6", "route", "add", "local", "::/0", "dev", "lo", "table", "local"));
            return;
        }
        if (hook == Hook.OUTPUT) {
            // sent by the firewall itself, out of eth0 to a next hop that does not exist
            route(INTERFACE);
            return;
        }
        // forwarded out of a second veth pair to a gateway that does not exist: the probe side's end
        // has another address, so it drops them after they have passed the FORWARD hook
        must(run(null, "ip", "-n", fw, "link", "add", OUT_INTERFACE, "type", "veth", "peer", "name", OUT_INTERFACE,
                "netns", probe));
        must(run(null, "ip", "netns", "exec", probe, "sysctl", "-q", "-w",
                "net.ipv6.conf." + OUT_INTERFACE + ".disable_ipv6=1"));
        for (String key : List.of("net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1",
                "net.ipv4.conf." + OUT_INTERFACE + ".rp_filter=0", "net.ipv6.conf." + OUT_INTERFACE + ".accept_dad=0",
                "net.ipv6.conf." + OUT_INTERFACE + ".disable_ipv6=0")) {
            must(inFirewall(null, "sysctl", "-q", "-w", key));
        }
        for (String ns : List.of(fw, probe)) {
            must(run(null, "ip", "-n", ns, "link", "set", OUT_INTERFACE, "up"));
        }
        route(OUT_INTERFACE);
    }

    /** Default routes out of {@code device} to the next hop that does not exist. */
    private void route(String device) {
        must(run(null, "ip", "-n", fw, "neigh", "add", GATEWAY_V4, "lladdr", GATEWAY_MAC, "dev", device, "nud",
                "permanent"));
        must(run(null, "ip", "-n", fw, "-6", "neigh", "add", GATEWAY_V6, "lladdr", GATEWAY_MAC, "dev", device,
                "nud", "permanent"));
        must(run(null, "ip", "-n", fw, "route", "add", "default", "via", GATEWAY_V4, "dev", device, "onlink"));
        must(run(null, "ip", "-n", fw, "-6", "route", "add", "default", "via", GATEWAY_V6, "dev", device));
    }

    /** The hook the lab's probes are counted at. */
    public Hook hook() {
        return hook;
    }

    /**
     * The flow of a probe as the hook sees it: in on {@code eth0}; forwarded, out on {@code eth1};
     * sent by the firewall, out on {@code eth0} and in on none.
     */
    public Flow flow(Probe p) {
        Flow flow = Probes.flow(p);
        return switch (hook) {
            case INPUT -> flow;
            case FORWARD -> flow.withInterfaces(INTERFACE, OUT_INTERFACE);
            case OUTPUT -> flow.withInterfaces("", INTERFACE);
        };
    }

    /**
     * True when a FORWARD or OUTPUT lab's kernel routes the probe to the next hop at all: no loopback,
     * unspecified, multicast, broadcast, reserved or link-local address on either side (the kernel
     * drops those before the hook, or sends them elsewhere), and no neighbour discovery (not
     * forwarded, and not routed that way). Every probe reaches INPUT.
     */
    public boolean routable(Probe p) {
        if (hook == Hook.INPUT) {
            return true;
        }
        if (p.family() == IpFamily.IPV4) {
            return routableV4(p.source()) && routableV4(p.destination());
        }
        boolean discovery = p.protocol() == Protocol.ICMPV6 && p.a() >= 133 && p.a() <= 137;
        return !discovery && routableV6(p.source()) && routableV6(p.destination());
    }

    private static boolean routableV4(Address a) {
        int top = (int) (a.lo() >>> 24);
        int second = (int) (a.lo() >>> 16) & 0xFF;
        return top != 0 && top != 127 && top < 224 && !(top == 169 && second == 254);
    }

    private static boolean routableV6(Address a) {
        int top = (int) (a.hi() >>> 56);
        int link = (int) (a.hi() >>> 48);
        // ::/8 (unspecified, loopback, IPv4-mapped and -compatible), ff00::/8, fe80::/10
        return top != 0 && top != 0xFF && (link & 0xFFC0) != 0xFE80;
    }

    /** The firewall namespace's name. */
    public String firewallNamespace() {
        return fw;
    }

    /** Runs a command in the firewall namespace, with {@code stdin} (may be null) as its input. */
    public Result inFirewall(String stdin, String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", fw));
        cmd.addAll(List.of(command));
        return run(stdin, cmd.toArray(String[]::new));
    }

    /** Loads an iptables-save (or, for IPv6, ip6tables-save) dump with iptables-restore. */
    public void loadIptables(IpFamily family, String dump) {
        Result r = inFirewall(dump, family == IpFamily.IPV4 ? "iptables-restore" : "ip6tables-restore");
        if (!r.ok()) {
            throw new AssertionError("the kernel refused the ruleset: " + r.err().strip());
        }
    }

    /**
     * Sends the probes (distinct, none the reverse of another) and returns, for each, whether it
     * passed every INPUT chain.
     */
    public boolean[] send(List<Probe> probes) {
        StringBuilder nft = new StringBuilder("table inet fwcheck_count {\n chain in {\n"
                + "  type filter hook " + hook.label() + " priority 1000; policy accept;\n");
        String where = switch (hook) {
            case INPUT -> "iifname \"" + INTERFACE + "\" ";
            case FORWARD -> "iifname \"" + INTERFACE + "\" oifname \"" + OUT_INTERFACE + "\" ";
            case OUTPUT -> "oifname \"" + INTERFACE + "\" ";
        };
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            nft.append("  ").append(where).append(match(p))
                    .append(" counter comment \"p").append(i).append("\"\n");
            lines.append(i).append(' ').append(p.family() == IpFamily.IPV4 ? 4 : 6).append(' ').append(p.protocol())
                    .append(' ').append(p.source()).append(' ').append(p.destination()).append(' ').append(p.a())
                    .append(' ').append(p.b()).append('\n');
        }
        // every probe before any other chain: as it arrives, or as the firewall sends it
        nft.append(" }\n chain arrived {\n  type filter hook ").append(hook == Hook.OUTPUT ? "output" : "prerouting")
                .append(" priority -1000; policy accept;\n  ").append(hook == Hook.OUTPUT ? "oifname \"" : "iifname \"")
                .append(INTERFACE).append("\" counter comment \"arrived\"\n }\n}\n");
        inFirewall(null, "nft", "delete", "table", "inet", "fwcheck_count");
        must(inFirewall(nft.toString(), "nft", "-f", "-"));
        Result sent = hook == Hook.OUTPUT
                ? run(lines.toString(), "ip", "netns", "exec", fw, "python3", script.toString(), "--local")
                : run(lines.toString(), "ip", "netns", "exec", probe, "python3", script.toString(), INTERFACE,
                        PROBE_MAC, FW_MAC);
        must(sent);
        if (!sent.out().strip().equals(Integer.toString(probes.size()))) {
            throw new AssertionError("the probe sender sent " + sent.out().strip() + " of " + probes.size() + " probes");
        }
        Result list = awaitArrival(probes.size());
        boolean[] passed = new boolean[probes.size()];
        int found = 0;
        Matcher m = COUNTER.matcher(list.out());
        while (m.find()) {
            passed[Integer.parseInt(m.group(2))] = Long.parseLong(m.group(1)) > 0;
            found++;
        }
        if (found != probes.size()) {
            throw new AssertionError("read " + found + " probe counters of " + probes.size());
        }
        return passed;
    }

    /**
     * Waits until the firewall has received every probe (a counter before every other chain), and
     * a little longer for the last one to pass its INPUT chains; returns the counting table.
     */
    private Result awaitArrival(int count) {
        Pattern arrived = Pattern.compile("counter packets (\\d+) bytes \\d+ comment \"arrived\"");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            pause(50);
            Result list = inFirewall(null, "nft", "list", "table", "inet", "fwcheck_count");
            must(list);
            Matcher m = arrived.matcher(list.out());
            long n = m.find() ? Long.parseLong(m.group(1)) : 0;
            if (n >= count) {
                pause(100);
                Result last = inFirewall(null, "nft", "list", "table", "inet", "fwcheck_count");
                must(last);
                return last;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the firewall received " + n + " of " + count + " probes within 10 s");
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The nft match for exactly this probe. */
    private static String match(Probe p) {
        String ip = p.family() == IpFamily.IPV4 ? "ip" : "ip6";
        String head = ip + " saddr " + p.source() + " " + ip + " daddr " + p.destination() + " ";
        return switch (p.protocol()) {
            case Protocol.TCP -> head + "tcp sport " + p.a() + " tcp dport " + p.b();
            case Protocol.UDP -> head + "udp sport " + p.a() + " udp dport " + p.b();
            case Protocol.ICMP -> head + "icmp type " + p.a() + " icmp code " + p.b();
            case Protocol.ICMPV6 -> head + "icmpv6 type " + p.a() + " icmpv6 code " + p.b();
            default -> head + "meta l4proto " + p.protocol();
        };
    }

    private static void must(Result r) {
        if (!r.ok()) {
            throw new AssertionError("command failed (" + r.exitCode() + "): " + r.err().strip());
        }
    }

    /** Runs a command and waits for it, ending it (by its own handle) after the timeout. */
    static Result run(String stdin, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(127, "", e.getMessage());
        }
        try {
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            Thread o = new Thread(() -> copy(p.getInputStream(), out));
            Thread e = new Thread(() -> copy(p.getErrorStream(), err));
            o.start();
            e.start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return new Result(124, "", String.join(" ", command) + " timed out after " + TIMEOUT_SECONDS + " s");
            }
            o.join();
            e.join();
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            p.destroyForcibly();
            return new Result(1, "", e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(130, "", "interrupted");
        }
    }

    private static void copy(InputStream in, java.io.OutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process ended; what was read is kept
        }
    }

    /** Deletes both namespaces (and with them the veth pair and every rule loaded). */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        List<String> failures = new ArrayList<>();
        for (String ns : List.of(fw, probe)) {
            Result r = run(null, "ip", "netns", "del", ns);
            if (!r.ok() && !r.err().contains("No such file")) {
                failures.add(ns + ": " + r.err().strip());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("could not delete the lab's namespaces: " + failures);
        }
    }

    /** For error messages: the namespaces. */
    @Override
    public String toString() {
        return Map.of("fw", fw, "probe", probe).toString();
    }
}
