package io.fwcheck.report;

import io.fwcheck.model.Action;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Endpoint;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.Match;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Service;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** The postmortem scenario built in code, with file locations as a YAML reader would give them. */
final class Samples {

    static final String RULESET_FILE = "rulesets/postmortem/proposed.yaml";
    static final String POLICY_FILE = "rulesets/postmortem/policy.yaml";

    static final AddressSet APP = cidrs("10.0.1.0/24");
    static final AddressSet DB = cidrs("10.0.2.10/32");
    static final AddressSet BASTION = cidrs("10.0.9.5/32");
    static final AddressSet INTERNET = AddressSet.all().minus(
            cidrs("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"));
    static final Service POSTGRES = Service.ports("postgres", Protocol.TCP, IntRanges.of(5432));
    static final Service SSH = Service.ports("ssh", Protocol.TCP, IntRanges.of(22));

    private Samples() {}

    static AddressSet cidrs(String... texts) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String t : texts) {
            String[] parts = t.split("/");
            ranges.add(AddressRange.cidr(Address.parse(parts[0]), Integer.parseInt(parts[1])));
        }
        return AddressSet.of(ranges);
    }

    static SourceLocation at(int line, int column) {
        return new SourceLocation(RULESET_FILE, line, column);
    }

    static Rule rule(String id, Action action, Match match, int line) {
        return new Rule(id, action, match, "", at(line, 5));
    }

    static Rule established() {
        return rule("allow-established", Action.ACCEPT,
                Match.builder().states(EnumSet.of(ConnState.ESTABLISHED, ConnState.RELATED)).build(), 5);
    }

    static Rule ssh() {
        return rule("allow-ssh", Action.ACCEPT, Match.builder().sources(BASTION).destinations(DB)
                .protocol(Protocol.TCP).destinationPorts(IntRanges.of(22)).build(), 9);
    }

    static Rule app() {
        return rule("allow-app", Action.ACCEPT, Match.builder().sources(APP).destinations(DB)
                .protocol(Protocol.TCP).destinationPorts(IntRanges.of(5432)).build(), 19);
    }

    static Rule blockScanner() {
        return rule("block-scanner", Action.DROP, Match.builder().sources(cidrs("10.0.1.128/25"))
                .protocol(Protocol.TCP).build(), 14);
    }

    static Ruleset current() {
        return new Ruleset("db-input", List.of(established(), ssh(), app()), Action.DROP, at(3, 1));
    }

    static Ruleset proposed() {
        return new Ruleset("db-input", List.of(established(), ssh(), blockScanner(), app()), Action.DROP, at(3, 1));
    }

    /** Like current, but a rule with an unmodelled condition sits before the app rule. */
    static Ruleset withRateLimit() {
        Rule limit = new Rule("rate-limit", Action.DROP, Match.builder().protocol(Protocol.TCP)
                .unmodelled(new Unmodelled("-m recent --rcheck --seconds 60", at(17, 20))).build(), "", at(17, 5));
        return new Ruleset("db-input", List.of(established(), ssh(), limit, app()), Action.DROP, at(3, 1));
    }

    /** The postmortem change, with the policy checked before and after. */
    static io.fwcheck.analysis.DiffResult diff() {
        return io.fwcheck.analysis.Differ.diff(current(), proposed(),
                io.fwcheck.analysis.DiffOptions.defaults().withPolicy(policy()));
    }

    static Policy policy() {
        Endpoint app = new Endpoint("app-servers", APP);
        Endpoint db = new Endpoint("db", DB);
        List<Requirement> reqs = List.of(
                new Requirement.MustAllow("app-to-db", "the outage of 2024", Severity.ERROR,
                        new SourceLocation(POLICY_FILE, 20, 5), app, db, POSTGRES),
                new Requirement.MustDeny("no-internet-to-db", "", Severity.ERROR,
                        new SourceLocation(POLICY_FILE, 26, 5), new Endpoint("internet", INTERNET), db, Service.ANY),
                new Requirement.OnlyAllow("db-allowlist", "", Severity.WARNING,
                        new SourceLocation(POLICY_FILE, 30, 5), db, List.of(
                                new Requirement.Allowance(app, POSTGRES),
                                new Requirement.Allowance(new Endpoint("bastion", BASTION), SSH))));
        return new Policy(Map.of(), Map.of(), reqs, new SourceLocation(POLICY_FILE, 0, 0));
    }
}
