package io.fwcheck.format.cloud;

import static io.fwcheck.format.InputErrors.assertInputError;
import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.model.AddressSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The names cloud rules refer to: members files, network interface listings and policy groups. */
class AddressNamesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void the_members_file_comes_before_the_policys_groups() throws Exception {
        Path members = write("members.yaml", """
                version: 1
                members:
                  web: [10.0.3.0/24, "2001:db8:3::/64"]
                  "db@p.iam.gserviceaccount.com": 10.0.2.10-10.0.2.11
                  nobody: []
                  everyone: any
                """);
        AddressNames names = AddressNames.of(LoadOptions.defaults().withMembersFile(members)
                .withAddressNames(Map.of("web", AddressSet.of(AddressSpecs.parse("192.0.2.0/24")),
                        "VirtualNetwork", AddressSet.of(AddressSpecs.parse("10.0.0.0/16")))));
        assertThat(names.get("web").orElseThrow().addresses().toString()).isEqualTo("10.0.3.0/24, 2001:db8:3::/64");
        assertThat(names.get("web").orElseThrow().origin()).isEqualTo(members.toString());
        assertThat(names.get("db@p.iam.gserviceaccount.com").orElseThrow().addresses().toString())
                .isEqualTo("10.0.2.10/31");
        assertThat(names.get("nobody").orElseThrow().addresses().isEmpty()).isTrue();
        assertThat(names.get("everyone").orElseThrow().addresses().isAll()).isTrue();
        assertThat(names.get("VirtualNetwork").orElseThrow().origin()).isEqualTo("the policy's groups");
        assertThat(names.get("virtualnetwork")).isEmpty();
    }

    @Test
    void a_bad_members_file_is_refused_at_its_line_and_column() throws Exception {
        Path address = write("a.yaml", "version: 1\nmembers:\n  web: [10.0.3.0/24, 10.0.3.300]\n");
        assertInputError(() -> AddressNames.of(LoadOptions.defaults().withMembersFile(address)), address + ":3:22",
                "'10.0.3.300' is not an IP address");
        Path key = write("k.yaml", "version: 1\nmember:\n  web: 10.0.3.0/24\n");
        assertInputError(() -> AddressNames.of(LoadOptions.defaults().withMembersFile(key)), key + ":2:1",
                "unknown key 'member'");
        Path blank = write("b.yaml", "version: 1\nmembers:\n  \"a b\": 10.0.3.0/24\n");
        assertInputError(() -> AddressNames.of(LoadOptions.defaults().withMembersFile(blank)), blank + ":3:3",
                "'a b' is not a name");
        Path json = write("j.json", "{\"Interfaces\": []}");
        assertInputError(() -> AddressNames.of(LoadOptions.defaults().withMembersFile(json)), json + ":1:1",
                "JSON without 'NetworkInterfaces'");
        assertInputError(() -> AddressNames.of(LoadOptions.defaults().withMembersFile(dir.resolve("none.yaml"))),
                dir.resolve("none.yaml").toString(), "no such file");
    }

    @Test
    void cloud_json_is_detected_by_its_keys_and_never_taken_from_nftables() {
        assertThat(RulesetFormat.detect("{\"SecurityGroups\": []}").format()).contains(RulesetFormat.AWS);
        assertThat(RulesetFormat.detect("{\"NetworkAcls\": []}").format()).contains(RulesetFormat.AWS);
        assertThat(RulesetFormat.detect("[{\"GroupId\": \"sg-1\", \"IpPermissions\": []}]").format())
                .contains(RulesetFormat.AWS);
        assertThat(RulesetFormat.detect("{\"format_version\": \"1.2\", \"terraform_version\": \"1.9.5\"}").format())
                .contains(RulesetFormat.TERRAFORM);
        assertThat(RulesetFormat.detect("[{\"name\": \"r\", \"allowed\": []}]").format()).contains(RulesetFormat.GCP);
        assertThat(RulesetFormat.detect("{\"name\": \"n\", \"securityRules\": []}").format()).contains(RulesetFormat.AZURE);
        assertThat(RulesetFormat.detect("{\"value\": [], \"type\": \"Microsoft.Network/networkSecurityGroups\"}").format())
                .contains(RulesetFormat.AZURE);
        assertThat(RulesetFormat.detect("{\"nftables\": [{\"metainfo\": {}}], \"SecurityGroups\": []}").format())
                .contains(RulesetFormat.NFTABLES);
        assertThat(RulesetFormat.detect("{\"NetworkInterfaces\": []}").reason()).contains("--sg-members");
        assertThat(RulesetFormat.detect("[]").reason()).contains("an empty JSON list");
        assertThat(RulesetFormat.detect("{\"a\": [1,}").reason()).contains("not valid JSON (line 1, column 10");
        assertThat(RulesetFormat.detect("{\"SecurityGroups\": [1,}").format()).contains(RulesetFormat.AWS);
    }
}
