package io.fwcheck.format.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Endpoint;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Service;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a valid policy file reads as. */
class YamlPolicyReaderTest {

    private static Policy read(String yaml) {
        return YamlPolicyReader.read(yaml, "p.yaml");
    }

    private static AddressSet set(String... items) {
        AddressSet set = AddressSet.empty();
        for (String item : items) {
            set = set.union(AddressSet.of(AddressSpecs.parse(item)));
        }
        return set;
    }

    @Test
    void groups_are_lists_single_items_or_include_exclude_and_may_refer_to_each_other() {
        Policy policy = read("""
                version: 1
                groups:
                  web: web-v4
                  web-v4: [10.0.3.0/24, 10.0.4.10-10.0.4.20]
                  one: 10.0.9.5
                  v6: "2001:db8:3::/48"
                  both: [web, v6]
                  outside: {include: any, exclude: [both, "::/0"]}
                requirements:
                  - id: r
                    must-deny: {from: outside, to: both}
                """);

        assertThat(policy.groups()).containsOnlyKeys("web", "web-v4", "one", "v6", "both", "outside");
        assertThat(List.copyOf(policy.groups().keySet())).containsExactly("web", "web-v4", "one", "v6", "both", "outside");
        assertThat(policy.groups().get("web")).isEqualTo(set("10.0.3.0/24", "10.0.4.10-10.0.4.20"));
        assertThat(policy.groups().get("one")).isEqualTo(set("10.0.9.5"));
        assertThat(policy.groups().get("both")).isEqualTo(set("10.0.3.0/24", "10.0.4.10-10.0.4.20", "2001:db8:3::/48"));
        assertThat(policy.groups().get("outside"))
                .isEqualTo(set("0.0.0.0/0").minus(set("10.0.3.0/24", "10.0.4.10-10.0.4.20")));
    }

    @Test
    void endpoints_are_group_names_inline_items_or_lists_named_as_written() {
        Policy policy = read("""
                version: 1
                groups:
                  bastion: [10.0.9.5]
                requirements:
                  - id: a
                    must-deny: {from: 10.0.9.6, to: [bastion, "2001:db8::1"]}
                  - id: b
                    must-deny: {from: any, to: bastion}
                """);

        Requirement.MustDeny a = (Requirement.MustDeny) policy.requirements().get(0);
        assertThat(a.from()).isEqualTo(new Endpoint("10.0.9.6", set("10.0.9.6")));
        assertThat(a.to()).isEqualTo(new Endpoint("[bastion, 2001:db8::1]", set("10.0.9.5", "2001:db8::1")));
        Requirement.MustDeny b = (Requirement.MustDeny) policy.requirements().get(1);
        assertThat(b.from().addresses().isAll()).isTrue();
        assertThat(b.to().name()).isEqualTo("bastion");
    }

    @Test
    void services_are_named_inline_or_lists_and_default_to_any_where_optional() {
        Policy policy = read("""
                version: 1
                services:
                  postgres: tcp/5432
                  dns: [udp/53, tcp/53]
                requirements:
                  - id: named
                    must-allow: {from: 10.0.1.1, to: 10.0.2.10, service: postgres}
                  - id: inline
                    must-allow: {from: 10.0.1.1, to: 10.0.2.10, service: tcp/8000-8080}
                  - id: list
                    must-allow: {from: 10.0.1.1, to: 10.0.2.10, service: [dns, icmp/8]}
                  - id: deny-all
                    must-deny: {from: 10.0.1.1, to: 10.0.2.10}
                  - id: only
                    only-allow:
                      to: 10.0.2.10
                      allow:
                        - {from: 10.0.1.1}
                        - {from: 10.0.1.2, service: dns}
                """);

        assertThat(policy.services().get("dns").parts()).hasSize(2);
        assertThat(((Requirement.MustAllow) policy.requirements().get(0)).service())
                .isEqualTo(Service.ports("postgres", Protocol.TCP, IntRanges.of(5432)));
        assertThat(((Requirement.MustAllow) policy.requirements().get(1)).service())
                .isEqualTo(Service.ports("tcp/8000-8080", Protocol.TCP, IntRanges.range(8000, 8080)));
        Service list = ((Requirement.MustAllow) policy.requirements().get(2)).service();
        assertThat(list.name()).isEqualTo("[dns, icmp/8]");
        assertThat(list.parts()).hasSize(3);
        assertThat(((Requirement.MustDeny) policy.requirements().get(3)).service()).isEqualTo(Service.ANY);
        Requirement.OnlyAllow only = (Requirement.OnlyAllow) policy.requirements().get(4);
        assertThat(only.allow().get(0).service()).isEqualTo(Service.ANY);
        assertThat(only.allow().get(1).service().name()).isEqualTo("dns");
    }

    @Test
    void requirements_carry_id_description_severity_and_the_location_of_their_item() {
        Policy policy = read("""
                version: 1
                requirements:
                  - id: first
                    must-deny: {from: 10.0.0.1, to: 10.0.0.2}
                  - description: Second one
                    severity: Warning
                    id: second
                    must-deny: {from: 10.0.0.1, to: 10.0.0.2}
                  - {id: third, severity: info, must-deny: {from: 10.0.0.1, to: 10.0.0.2}}
                """);

        List<Requirement> requirements = policy.requirements();
        assertThat(requirements.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(requirements.get(0).description()).isEmpty();
        assertThat(requirements.get(0).location()).isEqualTo(new SourceLocation("p.yaml", 3, 5));
        assertThat(requirements.get(1).description()).isEqualTo("Second one");
        assertThat(requirements.get(1).severity()).isEqualTo(Severity.WARNING);
        assertThat(requirements.get(1).location()).isEqualTo(new SourceLocation("p.yaml", 5, 5));
        assertThat(requirements.get(2).severity()).isEqualTo(Severity.INFO);
        assertThat(requirements.get(2).location()).isEqualTo(new SourceLocation("p.yaml", 9, 5));
        assertThat(policy.source()).isEqualTo(new SourceLocation("p.yaml", 0, 0));
    }

    @Test
    void an_empty_allow_list_means_nothing_may_be_accepted() {
        Policy policy = read("""
                version: 1
                requirements:
                  - id: closed
                    only-allow: {to: 10.0.2.10, allow: []}
                """);

        Requirement.OnlyAllow closed = (Requirement.OnlyAllow) policy.requirements().get(0);
        assertThat(closed.allow()).isEmpty();
        assertThat(closed.text()).isEqualTo("10.0.2.10 accepts no new connection");
    }

    @Test
    void values_keep_their_text_whatever_yaml_1_1_would_make_of_them() {
        Policy policy = read("""
                version: 1
                groups:
                  no: [10.0.0.1]
                  on: 10.0.0.2
                requirements:
                  - id: 0755
                    description: 22:45
                    must-deny: {from: no, to: on}
                  - id: yes
                    description: no
                    must-deny: {from: on, to: no}
                """);

        assertThat(policy.groups()).containsOnlyKeys("no", "on");
        Requirement first = policy.requirements().get(0);
        assertThat(first.id()).isEqualTo("0755");
        assertThat(first.description()).isEqualTo("22:45");
        assertThat(((Requirement.MustDeny) first).from().name()).isEqualTo("no");
        assertThat(policy.requirements().get(1).id()).isEqualTo("yes");
        assertThat(policy.requirements().get(1).description()).isEqualTo("no");
    }

    @Test
    void ipv6_addresses_may_be_written_unquoted() {
        Policy policy = read("""
                version: 1
                groups:
                  v6: [2001:db8::10, fe80::/10]
                requirements:
                  - id: r
                    must-deny: {from: v6, to: "::1"}
                """);

        assertThat(policy.groups().get("v6").contains(Address.parse("2001:db8::10"))).isTrue();
        assertThat(((Requirement.MustDeny) policy.requirements().get(0)).to().name()).isEqualTo("::1");
    }

    @Test
    void a_policy_file_is_read_from_disk_with_its_path_as_name() {
        Policy policy = YamlPolicyReader.read(Samples.resource("policy-every-key.yaml"));

        assertThat(policy.requirements()).isNotEmpty();
        assertThat(policy.requirements().get(0).location().file()).endsWith("policy-every-key.yaml");
    }
}
