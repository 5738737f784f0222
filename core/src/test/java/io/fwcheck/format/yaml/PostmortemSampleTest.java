package io.fwcheck.format.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.model.Action;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Service;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The postmortem sample: the database host's rules before and after the change that broke it. */
class PostmortemSampleTest {

    private static final Path DIR = Samples.rulesets().resolve("postmortem");

    private static AddressSet set(String... items) {
        AddressSet set = AddressSet.empty();
        for (String item : items) {
            set = set.union(AddressSet.of(io.fwcheck.format.AddressSpecs.parse(item)));
        }
        return set;
    }

    private static Rule rule(Ruleset ruleset, String id) {
        return ruleset.rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void the_policy_names_the_database_and_its_clients() {
        Policy policy = YamlPolicyReader.read(DIR.resolve("policy.yaml"));

        assertThat(policy.groups()).containsOnlyKeys("app-servers", "db", "bastion", "internal", "internet");
        assertThat(policy.groups().get("db")).isEqualTo(set("10.0.2.10", "2001:db8:2::10"));
        assertThat(policy.groups().get("app-servers")).isEqualTo(set("10.0.1.0/24", "2001:db8:1::/64"));
        AddressSet internet = policy.groups().get("internet");
        assertThat(internet.contains(Address.parse("8.8.8.8"))).isTrue();
        assertThat(internet.contains(Address.parse("2606:4700::1111"))).isTrue();
        assertThat(internet.contains(Address.parse("10.0.2.10"))).isFalse();
        assertThat(internet.contains(Address.parse("2001:db8:1::5"))).isFalse();
        assertThat(internet.contains(Address.parse("127.0.0.1"))).isFalse();
        assertThat(policy.services().get("postgres")).isEqualTo(Service.ports("postgres", Protocol.TCP, IntRanges.of(5432)));
        assertThat(policy.source()).isEqualTo(new SourceLocation(DIR.resolve("policy.yaml").toString(), 0, 0));
    }

    @Test
    void the_policy_requires_app_to_db_and_forbids_the_internet() {
        Policy policy = YamlPolicyReader.read(DIR.resolve("policy.yaml"));

        assertThat(policy.requirements()).extracting(Requirement::id)
                .containsExactly("app-to-db", "bastion-ssh", "no-internet-to-db", "db-allowlist");
        Requirement.MustAllow appToDb = (Requirement.MustAllow) policy.requirements().get(0);
        assertThat(appToDb.text()).isEqualTo("app-servers must reach db on postgres");
        assertThat(appToDb.from().addresses()).isEqualTo(policy.groups().get("app-servers"));
        assertThat(appToDb.severity()).isEqualTo(Severity.ERROR);
        assertThat(appToDb.description()).isEqualTo("App servers reach the primary database");
        assertThat(appToDb.location().line()).isEqualTo(28);
        assertThat(appToDb.location().column()).isEqualTo(5);

        Requirement.MustDeny noInternet = (Requirement.MustDeny) policy.requirements().get(2);
        assertThat(noInternet.service()).isEqualTo(Service.ANY);
        assertThat(noInternet.text()).isEqualTo("internet must not reach db");

        Requirement.OnlyAllow allowlist = (Requirement.OnlyAllow) policy.requirements().get(3);
        assertThat(allowlist.severity()).isEqualTo(Severity.WARNING);
        assertThat(allowlist.text()).isEqualTo("db accepts only app-servers on postgres, bastion on ssh, internal on ping");
    }

    @Test
    void the_current_rules_accept_the_app_servers() {
        Ruleset current = YamlRulesetReader.read(DIR.resolve("current.yaml"));

        assertThat(current.name()).isEqualTo("db01-input");
        assertThat(current.defaultAction()).isEqualTo(Action.DROP);
        assertThat(current.source()).isEqualTo(new SourceLocation(DIR.resolve("current.yaml").toString(), 4, 1));
        assertThat(current.rules()).extracting(Rule::id).containsExactly("allow-established", "allow-loopback",
                "allow-ssh-from-bastion", "allow-app-postgres", "allow-ping", "allow-ping6");

        Rule app = rule(current, "allow-app-postgres");
        assertThat(app.action()).isEqualTo(Action.ACCEPT);
        assertThat(app.comment()).isEqualTo("app servers to the primary database");
        assertThat(app.match().sources()).isEqualTo(set("10.0.1.0/24", "2001:db8:1::/64"));
        assertThat(app.match().destinations().isAll()).isTrue();
        assertThat(app.match().protocols()).isEqualTo(IntRanges.of(Protocol.TCP));
        assertThat(app.match().destinationPorts()).contains(IntRanges.of(5432));
        assertThat(app.match().sourcePorts()).isEmpty();

        assertThat(rule(current, "allow-established").match().states())
                .isEqualTo(Set.of(ConnState.ESTABLISHED, ConnState.RELATED));
        assertThat(rule(current, "allow-loopback").match().inInterface()).contains(InterfaceMatch.of("lo"));
        assertThat(rule(current, "allow-ssh-from-bastion").match().states()).isEqualTo(Set.of(ConnState.NEW));
        assertThat(rule(current, "allow-ping").match().icmp()).contains(IntRanges.range(8 << 8, 8 << 8 | 255));
        assertThat(rule(current, "allow-ping6").match().protocols()).isEqualTo(IntRanges.of(Protocol.ICMPV6));
        assertThat(rule(current, "allow-ping6").match().icmp()).contains(IntRanges.range(128 << 8, 128 << 8 | 255));

        Flow upperHalf = Flow.tcp("10.0.1.200", Flow.EPHEMERAL_PORT, "10.0.2.10", 5432);
        assertThat(current.rules().get(current.firstMatch(upperHalf)).id()).isEqualTo("allow-app-postgres");
    }

    @Test
    void proposed_change_drops_postgres_from_the_upper_half_of_the_app_servers() {
        Ruleset proposed = YamlRulesetReader.read(DIR.resolve("proposed.yaml"));

        Rule blocker = rule(proposed, "block-scanner");
        assertThat(blocker.action()).isEqualTo(Action.DROP);
        assertThat(blocker.match().sources()).isEqualTo(AddressSet.of(AddressRange.cidr(Address.parse("10.0.1.128"), 25)));
        assertThat(blocker.match().destinationPorts()).isEqualTo(Optional.of(IntRanges.of(5432)));
        assertThat(blocker.comment()).startsWith("CHG-4711");
        assertThat(proposed.rules().indexOf(blocker)).isLessThan(proposed.rules().indexOf(rule(proposed, "allow-app-postgres")));

        Flow upperHalf = Flow.tcp("10.0.1.200", Flow.EPHEMERAL_PORT, "10.0.2.10", 5432);
        Flow lowerHalf = Flow.tcp("10.0.1.20", Flow.EPHEMERAL_PORT, "10.0.2.10", 5432);
        Flow v6 = Flow.tcp("2001:db8:1::200", Flow.EPHEMERAL_PORT, "2001:db8:2::10", 5432);
        assertThat(proposed.rules().get(proposed.firstMatch(upperHalf)).id()).isEqualTo("block-scanner");
        assertThat(proposed.rules().get(proposed.firstMatch(lowerHalf)).id()).isEqualTo("allow-app-postgres");
        assertThat(proposed.rules().get(proposed.firstMatch(v6)).id()).isEqualTo("allow-app-postgres");
    }
}
