package com.example.firewall;

import io.fwcheck.Fwcheck;
import io.fwcheck.model.Action;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;

/** The database host's firewall and what it must do, written in code instead of YAML. */
public final class DbFirewall {

    private DbFirewall() {}

    /** The INPUT chain of the database host; {@code withScannerBlock} adds the change that broke it. */
    public static Ruleset ruleset(boolean withScannerBlock) {
        var rules = Fwcheck.ruleset("db01-input")
                .group("app-servers", "10.0.1.0/24", "2001:db8:1::/64")
                .group("internal", "10.0.0.0/8", "2001:db8::/32")
                .accept("allow-established", r -> r.state(ConnState.ESTABLISHED, ConnState.RELATED))
                .accept("allow-ssh-from-bastion", r -> r.from("10.0.9.5").service("tcp/22").state(ConnState.NEW));
        if (withScannerBlock) {
            rules.drop("block-scanner", r -> r.from("10.0.1.128/25").protocol("tcp").ports("5432"));
        }
        return rules
                .accept("allow-app-postgres", r -> r.from("app-servers").service("tcp/5432"))
                .accept("allow-ping", r -> r.from("internal").protocol("icmp").icmpType("echo-request"))
                .defaultAction(Action.DROP)
                .build();
    }

    /** What the database host must and must not accept. */
    public static Policy policy() {
        return Fwcheck.policy()
                .group("app-servers", "10.0.1.0/24", "2001:db8:1::/64")
                .group("db", "10.0.2.10", "2001:db8:2::10")
                .mustAllow("app-to-db", "app-servers", "db", "tcp/5432")
                .mustAllow("bastion-ssh", "10.0.9.5", "db", "tcp/22")
                .mustDeny("no-telnet", "any", "db", "tcp/23")
                .build();
    }
}
