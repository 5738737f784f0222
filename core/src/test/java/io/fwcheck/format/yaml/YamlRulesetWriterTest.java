package io.fwcheck.format.yaml;

import static io.fwcheck.format.yaml.RoundTrip.assertRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.model.Action;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link YamlRulesetWriter}: what it writes, and that {@link YamlRulesetReader} reads every match
 * the model can hold back to an equal one (see {@link RoundTrip}). Generated rulesets are round-tripped
 * in the cli module's tests, which may use the test fixtures.
 */
class YamlRulesetWriterTest {

    private static final SourceLocation AT = new SourceLocation("fw.rules", 7, 1);

    private static AddressSet set(String... items) {
        AddressSet set = AddressSet.empty();
        for (String item : items) {
            set = set.union(AddressSet.of(AddressSpecs.parse(item)));
        }
        return set;
    }

    private static Ruleset ruleset(Match... matches) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < matches.length; i++) {
            rules.add(new Rule("INPUT#" + (i + 1), i % 2 == 0 ? Action.ACCEPT : Action.DROP, matches[i], "",
                    new SourceLocation("fw.rules", i + 1, 1), false));
        }
        return new Ruleset("iptables filter INPUT", rules, Action.DROP, new SourceLocation("fw.rules", 0, 0));
    }

    private static String yaml(Match match) {
        return YamlRulesetWriter.write(ruleset(match));
    }

    private static Match.Builder m() {
        return Match.builder();
    }

    @Test
    void a_rule_is_written_after_the_place_it_was_read_from_with_its_id_as_name() {
        Ruleset r = new Ruleset("iptables filter INPUT", List.of(new Rule("INPUT#3>app-in#2", Action.ACCEPT,
                m().families(EnumSet.of(IpFamily.IPV4)).sources(set("10.0.1.0/24")).protocol(Protocol.TCP)
                        .destinationPorts(IntRanges.of(5432)).build(),
                "app servers", AT, false)), Action.DROP, new SourceLocation("fw.rules", 0, 0));

        assertThat(YamlRulesetWriter.write(r)).isEqualTo("""
                # fwcheck ruleset, written from fw.rules
                version: 1
                name: "iptables filter INPUT"
                default: drop
                rules:
                  # fw.rules:7
                  - name: "INPUT#3>app-in#2"
                    action: accept
                    comment: "app servers"
                    family: ipv4
                    from: 10.0.1.0/24
                    protocol: tcp
                    ports: 5432
                """);
        assertRoundTrip(r);
    }

    @Test
    void an_empty_ruleset_has_an_empty_list_of_rules() {
        Ruleset r = new Ruleset("empty", List.of(), Action.ACCEPT, SourceLocation.code("test"));

        assertThat(YamlRulesetWriter.write(r)).endsWith("name: empty\ndefault: accept\nrules: []\n");
        assertRoundTrip(r);
    }

    @Test
    void addresses_are_cidr_blocks_where_exact_else_ranges_and_negated_when_shorter() {
        assertThat(yaml(m().sources(set("10.0.1.0/24", "10.0.2.5", "10.0.3.1-10.0.3.6")).build()))
                .contains("    from: [10.0.1.0/24, 10.0.2.5, 10.0.3.1-10.0.3.6]\n");
        assertThat(yaml(m().destinations(set("10.0.0.0/8").complement()).build())).contains("    to: \"!10.0.0.0/8\"\n");
        assertThat(yaml(m().destinations(set("10.0.0.0/8", "2001:db8::/32").complement()).build()))
                .contains("    to: {not: [10.0.0.0/8, \"2001:db8::/32\"]}\n");
        assertThat(yaml(m().sources(AddressSet.all(IpFamily.IPV6)).build())).contains("    from: \"::/0\"\n");
        assertThat(yaml(m().sources(AddressSet.empty()).build())).contains("    from: none\n");
    }

    @Test
    void protocols_ports_and_icmp_types_are_ranges_negated_when_shorter() {
        assertThat(yaml(m().protocols(IntRanges.range(0, 5)).build())).contains("    protocol: 0-5\n");
        assertThat(yaml(m().protocols(IntRanges.of(Protocol.TCP).complement(Protocol.MAX)).build()))
                .contains("    protocol: \"!tcp\"\n");
        assertThat(yaml(m().protocols(IntRanges.of(Protocol.TCP).union(IntRanges.of(Protocol.UDP))
                .complement(Protocol.MAX)).build())).contains("    protocol: {not: [tcp, udp]}\n");
        assertThat(yaml(m().protocol(Protocol.TCP).destinationPorts(IntRanges.of(22).complement(65535)).build()))
                .contains("    ports: \"!22\"\n");
        assertThat(yaml(m().protocol(Protocol.UDP).sourcePorts(IntRanges.range(1024, 65535)).build()))
                .contains("    source-ports: 1024-65535\n");
        assertThat(yaml(m().destinationPorts(IntRanges.of(53)).build()))
                .as("any protocol with ports, like nftables' th dport").contains("    protocol: any\n    ports: 53\n");
        assertThat(yaml(m().protocol(Protocol.ICMP).icmp(IntRanges.range(3 << 8, 5 << 8 | 0xFF)
                .union(IntRanges.of(11 << 8 | 1)).union(IntRanges.range(12 << 8 | 1, 12 << 8 | 2))).build()))
                .contains("    icmp-type: [3-5, 11/1, 12/1-12/2]\n");
        assertThat(yaml(m().protocol(Protocol.ICMP).icmp(IntRanges.range(0x3F2, 0x502)).build()))
                .contains("    icmp-type: 3/242-5/2\n");
    }

    @Test
    void a_positive_protocol_list_that_ports_would_refuse_is_written_negated() {
        Match tcpOrGre = m().protocols(IntRanges.of(Protocol.TCP).union(IntRanges.of(Protocol.GRE)))
                .destinationPorts(IntRanges.of(80)).build();

        assertThat(yaml(tcpOrGre)).contains("    protocol: {not: [0-5, 7-46, 48-255]}\n");
        assertRoundTrip(ruleset(tcpOrGre));
    }

    @Test
    void states_families_interfaces_unknown_and_exceptions() {
        Match match = m().families(EnumSet.of(IpFamily.IPV6))
                .states(EnumSet.of(ConnState.NEW, ConnState.INVALID))
                .inInterface(new InterfaceMatch(List.of("eth0", "eth1"), true))
                .outInterface(InterfaceMatch.of("veth+"))
                .unmodelled(new Unmodelled("-m recent --rcheck --seconds 60", AT))
                .except(m().sources(set("2001:db8::/32")).protocol(Protocol.TCP).build())
                .except(Match.any())
                .except(m().unmodelled(new Unmodelled("-m set --match-set x src", AT))
                        .except(m().states(Set.of()).build()).build())
                .build();

        assertThat(yaml(match)).contains("""
                    family: ipv6
                    state: [new, invalid]
                    in-interface: {not: [eth0, eth1]}
                    out-interface: veth+
                    unknown:
                      - "-m recent --rcheck --seconds 60"
                    except:
                      - {from: "2001:db8::/32", protocol: tcp}
                      - {}
                      - unknown: ["-m set --match-set x src"]
                        except:
                          - {state: none}
                """);
        assertRoundTrip(ruleset(match));
    }

    /** Matches with every field set in unusual ways, as importers and chain flattening make them. */
    static Stream<Match> unusualMatches() {
        return Stream.of(
                Match.any(),
                m().families(Set.of()).build(),
                m().states(Set.of()).protocols(IntRanges.empty()).build(),
                m().protocol(Protocol.TCP).destinationPorts(IntRanges.empty()).sourcePorts(IntRanges.range(0, 65535)).build(),
                m().protocol(Protocol.ICMPV6).icmp(IntRanges.empty()).build(),
                m().icmpType(8).build(),
                m().protocols(IntRanges.of(Protocol.ICMP).union(IntRanges.of(Protocol.ICMPV6))).icmp(IntRanges.range(0, 0xFFFF)).build(),
                m().protocol(Protocol.TCP).icmp(IntRanges.of(8 << 8)).build(),
                m().protocol(Protocol.ICMP).destinationPorts(IntRanges.of(1)).icmp(IntRanges.of(0)).build(),
                m().protocols(IntRanges.range(200, 255)).sourcePorts(IntRanges.of(0)).build(),
                m().families(EnumSet.of(IpFamily.IPV4)).protocol(Protocol.ICMPV6).icmpType(128).build(),
                m().sources(set("0.0.0.0/0")).destinations(set("::/0", "10.0.0.1")).build(),
                m().sources(set("10.0.0.1-10.0.0.2", "::ffff:10.0.0.1", "fe80::1-fe80::3")).build(),
                m().inInterface(InterfaceMatch.of("+")).outInterface(new InterfaceMatch(List.of("+"), true)).build(),
                m().inInterface(new InterfaceMatch(List.of("eth0", "eth0", "lo"), false)).build(),
                m().inInterface(new InterfaceMatch(List.of("no"), false)).outInterface(InterfaceMatch.of("1")).build(),
                m().inInterface(InterfaceMatch.of("eth0")).build().and(m().inInterface(
                        new InterfaceMatch(List.of("eth1"), true)).build()),
                m().sources(set("10.0.0.0/8")).build().and(m().sources(set("192.168.0.0/16")).build()),
                m().unmodelled(new Unmodelled("quote \" backslash \\ tab\t newline\n nel\u0085 bom\uFEFF é 🔥",
                        AT)).unmodelled(new Unmodelled("no", AT)).unmodelled(new Unmodelled("22:45", AT)).build());
    }

    @ParameterizedTest
    @MethodSource("unusualMatches")
    void every_match_reads_back_equal(Match match) {
        assertRoundTrip(ruleset(match, match.toBuilder().except(match).build()));
    }

    @Test
    void names_comments_and_ids_are_quoted_against_yaml_1_1_typing_and_survive_any_text() {
        List<Rule> rules = new ArrayList<>();
        String[] texts = {"no", "yes", "Y", "on", "0755", "1e3", "22:45", "1_000", "0x1F", "null", "~", "2026-11-23",
            "- a", "a: b", "# c", "[x]", "{y}", "&a", "*a", "!tag", "|", ">", "'s'", "\"d\"", "%", "@", "`", " lead",
            "trail ", "tab\there", "ctl\u0001\u007f\u009f", "ünïcödé", "\u2028", "\ud800 lone"};
        for (int i = 0; i < texts.length; i++) {
            String id = i % 2 == 0 ? "r" + i + texts[i].strip().replaceAll("[\\s\\x00-\\x1f\\x7f-\\x9f\\u2028\\ud800]", "") : "r" + i;
            rules.add(new Rule(id, Action.ACCEPT, Match.any(), texts[i], AT, true));
        }
        rules.add(new Rule("0755", Action.DROP, Match.any(), "", AT, true));
        rules.add(new Rule("123", Action.DROP, Match.any(), "", AT, true));
        Ruleset r = new Ruleset("yes", rules, Action.REJECT, AT);

        String yaml = YamlRulesetWriter.write(r);

        assertThat(yaml).contains("name: \"yes\"\n", "name: \"0755\"\n", "name: \"123\"\n", "comment: \"22:45\"\n",
                "comment: \"ctl\\x01\\x7F\\x9F\"\n", "comment: \"\\u2028\"\n");
        assertRoundTrip(r);
        assertSchemaValid(yaml);
    }

    @Test
    void rules_named_by_position_stay_unnamed() {
        Ruleset original = YamlRulesetReader.read("""
                name: x
                default: drop
                rules:
                  - action: accept
                  - {name: rule-7, action: drop}
                  - action: reject
                """, "x.yaml");

        String yaml = YamlRulesetWriter.write(original);
        Ruleset back = assertRoundTrip(original);

        assertThat(yaml).doesNotContain("name: rule-1", "name: rule-3").contains("name: rule-7");
        assertThat(back.rules()).extracting(Rule::named).containsExactly(false, true, false);
    }

    @Test
    void an_id_that_is_no_valid_name_gets_a_similar_one_and_is_kept_in_a_comment() {
        Ruleset r = new Ruleset("x", List.of(new Rule("my chain#1", Action.ACCEPT, Match.any(), "", AT, false),
                new Rule("my_chain#1", Action.DROP, Match.any(), "", AT, false)), Action.DROP, AT);

        String yaml = YamlRulesetWriter.write(r);
        Ruleset back = YamlRulesetReader.read(yaml, "x.yaml");

        assertThat(yaml).contains("  # id: my chain#1\n  - name: \"my_chain#1~2\"\n");
        assertThat(back.rules()).extracting(Rule::id).containsExactly("my_chain#1~2", "my_chain#1");
    }

    @Test
    void a_ruleset_name_the_reader_would_refuse_is_made_one_line() {
        Ruleset r = new Ruleset("two\nlines", List.of(), Action.DROP, AT);

        assertThat(YamlRulesetReader.read(YamlRulesetWriter.write(r), "x.yaml").name()).isEqualTo("two lines");
    }

    @Test
    void an_interface_name_the_format_cannot_spell_is_an_error_naming_it() {
        Ruleset r = ruleset(m().inInterface(InterfaceMatch.of("eth 0")).build());

        assertThatThrownBy(() -> YamlRulesetWriter.write(r)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'eth 0' cannot be written");
    }

    /** The YAML rulesets under rulesets/ and the test resource with every key. */
    static Stream<Path> yamlSamples() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Samples.resource("ruleset-every-key.yaml")));
        try (Stream<Path> s = Files.walk(Samples.rulesets())) {
            s.filter(f -> f.toString().endsWith(".yaml")).filter(f -> read(f).contains("\nrules:")).forEach(files::add);
        }
        return files.stream().sorted();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("yamlSamples")
    void the_yaml_samples_read_back_equal_and_keep_their_names(Path file) {
        Ruleset original = YamlRulesetReader.read(file);
        Ruleset back = assertRoundTrip(original);
        assertThat(back.rules()).extracting(Rule::named)
                .containsExactlyElementsOf(original.rules().stream().map(Rule::named).toList());
        assertSchemaValid(YamlRulesetWriter.write(original));
    }

    /** The iptables-save and nftables JSON samples of the repository and of the importers' tests. */
    static Stream<Path> importedSamples() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Samples.rulesets().resolve("postmortem"))) {
            s.filter(f -> f.toString().endsWith(".rules") || f.toString().endsWith(".nft.json")).forEach(files::add);
        }
        Path resources = Samples.resource("").getParent();
        for (String dir : List.of("iptables", "nftables")) {
            try (Stream<Path> s = Files.list(resources.resolve(dir))) {
                s.filter(f -> f.toString().endsWith(".rules") || f.toString().endsWith(".json")).forEach(files::add);
            }
        }
        return files.stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("importedSamples")
    void imported_samples_read_back_equal_for_every_hook(Path file) {
        for (LoadOptions.Hook hook : LoadOptions.Hook.values()) {
            Ruleset original = RulesetLoader.load(file, LoadOptions.defaults().withHook(hook));
            assertRoundTrip(original);
            assertSchemaValid(YamlRulesetWriter.write(original));
        }
    }

    @Test
    void the_samples_are_found() throws IOException {
        assertThat(yamlSamples().map(f -> f.getFileName().toString()))
                .contains("current.yaml", "proposed.yaml", "ruleset-every-key.yaml");
        assertThat(importedSamples().map(f -> f.getFileName().toString()))
                .contains("current.rules", "proposed.rules", "current6.rules", "kernel-v4.rules", "chains.json");
    }

    private static void assertSchemaValid(String yaml) {
        try {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(Samples.schemas().resolve("ruleset.schema.json").toFile()));
            assertThat(schema.validate(new YAMLMapper().readTree(yaml))).as(yaml).isEmpty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
