package io.fwcheck;

import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Endpoint;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Requirement.Allowance;
import io.fwcheck.model.Service;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Makes a policy in code, with the requirements and the strict syntax of the YAML policy format
 * ({@code docs/policy-format.md}):
 *
 * <pre>{@code
 * Policy policy = Fwcheck.policy()
 *         .group("app-servers", "10.0.1.0/24", "2001:db8:1::/64")
 *         .group("db", "10.0.2.10", "2001:db8:2::10")
 *         .service("postgres", "tcp/5432")
 *         .mustAllow("app-to-db", "app-servers", "db", "postgres")
 *         .mustDeny("no-internet-to-db", "any", "db").severity(Severity.WARNING)
 *         .onlyAllow("db-allowlist", "db", allow -> allow.from("app-servers", "postgres"))
 *         .build();
 * }</pre>
 *
 * <p>Requirements are about NEW connections from every address of {@code from}, from every
 * source port. Endpoints ({@code from}, {@code to}) are a group defined before, {@code any}, or
 * address items (addresses, CIDR blocks, ranges), several separated by commas; a report names
 * them as written. Services are a service defined before or a spec ({@code tcp/5432},
 * {@code udp/53}, {@code icmp/echo-request}, {@code any}). Each requirement is located at the line
 * of the call that added it. Bad input is an {@link IllegalArgumentException} whose message starts
 * with that location and ends with what was expected. Not thread-safe; the policy it builds is
 * immutable.
 */
public final class PolicyBuilder {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}");

    private final SourceLocation source;
    private final Names names = new Names();
    private final List<Requirement> requirements = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    PolicyBuilder(SourceLocation source) {
        this.source = source;
    }

    /**
     * Defines an address group that requirements after it can name.
     *
     * @param name the group's name: a letter or {@code _}, then letters, digits, {@code _ . -}
     * @param items addresses, CIDR blocks, ranges, {@code any} or groups defined before
     * @return this builder
     */
    public PolicyBuilder group(String name, String... items) {
        names.defineGroup(name, List.of(items), List.of(), CallSite.caller());
        return this;
    }

    /**
     * Defines an address group as the addresses of {@code include} that are not in
     * {@code exclude}, e.g. the internet: {@code group("internet", List.of("any"),
     * List.of("internal", "127.0.0.0/8"))}.
     *
     * @param name the group's name
     * @param include addresses, CIDR blocks, ranges, {@code any} or groups defined before
     * @param exclude the same kinds of items, left out
     * @return this builder
     */
    public PolicyBuilder group(String name, List<String> include, List<String> exclude) {
        names.defineGroup(name, include, exclude, CallSite.caller());
        return this;
    }

    /**
     * Defines a service, the union of its specs, that requirements after it can name.
     *
     * @param name the service's name, e.g. {@code postgres}
     * @param specs specs such as {@code tcp/5432}, {@code udp/53}, {@code icmp/echo-request}
     * @return this builder
     */
    public PolicyBuilder service(String name, String... specs) {
        names.defineService(name, List.of(specs), CallSite.caller());
        return this;
    }

    /**
     * Requires that every NEW connection from {@code from} to {@code to} on the service is accepted.
     *
     * @param id the requirement's unique id
     * @param from a group, {@code any} or address items
     * @param to a group, {@code any} or address items
     * @param service a service defined before or a spec
     * @return this builder
     */
    public PolicyBuilder mustAllow(String id, String from, String to, String service) {
        SourceLocation at = CallSite.caller();
        checkId(id, at);
        String what = "requirement '" + id + "'";
        requirements.add(new Requirement.MustAllow(id, "", Severity.ERROR, at, endpoint(from, what, at),
                endpoint(to, what, at), names.service(service, what, at)));
        return this;
    }

    /**
     * Requires that no NEW connection from {@code from} to {@code to} is accepted, whatever the
     * service.
     *
     * @param id the requirement's unique id
     * @param from a group, {@code any} or address items
     * @param to a group, {@code any} or address items
     * @return this builder
     */
    public PolicyBuilder mustDeny(String id, String from, String to) {
        return mustDeny(id, from, to, "any", CallSite.caller());
    }

    /**
     * Requires that no NEW connection from {@code from} to {@code to} on the service is accepted.
     *
     * @param id the requirement's unique id
     * @param from a group, {@code any} or address items
     * @param to a group, {@code any} or address items
     * @param service a service defined before or a spec
     * @return this builder
     */
    public PolicyBuilder mustDeny(String id, String from, String to, String service) {
        return mustDeny(id, from, to, service, CallSite.caller());
    }

    private PolicyBuilder mustDeny(String id, String from, String to, String service, SourceLocation at) {
        checkId(id, at);
        String what = "requirement '" + id + "'";
        requirements.add(new Requirement.MustDeny(id, "", Severity.ERROR, at, endpoint(from, what, at),
                endpoint(to, what, at), names.service(service, what, at)));
        return this;
    }

    /**
     * Requires that every NEW connection accepted toward {@code to} is one of the allowed ones.
     *
     * @param id the requirement's unique id
     * @param to a group, {@code any} or address items
     * @param allow lists the allowed connections; none means nothing may be accepted
     * @return this builder
     */
    public PolicyBuilder onlyAllow(String id, String to, Consumer<Allowances> allow) {
        SourceLocation at = CallSite.caller();
        checkId(id, at);
        String what = "requirement '" + id + "'";
        Endpoint target = endpoint(to, what, at);
        Allowances allowances = new Allowances(what, at);
        Objects.requireNonNull(allow, "allow").accept(allowances);
        requirements.add(new Requirement.OnlyAllow(id, "", Severity.ERROR, at, target, allowances.list));
        return this;
    }

    /**
     * Sets the severity of the requirement added last (requirements are {@link Severity#ERROR}
     * unless set).
     *
     * @param severity error, warning or info
     * @return this builder
     * @throws IllegalStateException when no requirement was added yet
     */
    public PolicyBuilder severity(Severity severity) {
        Objects.requireNonNull(severity, "severity");
        Requirement r = last();
        requirements.set(requirements.size() - 1, with(r, r.description(), severity));
        return this;
    }

    /**
     * Sets the description of the requirement added last.
     *
     * @param text one line of text, shown with the requirement in reports
     * @return this builder
     * @throws IllegalStateException when no requirement was added yet
     */
    public PolicyBuilder description(String text) {
        Requirement r = last();
        requirements.set(requirements.size() - 1, with(r, text == null ? "" : text, r.severity()));
        return this;
    }

    /**
     * Builds the policy, located where {@link Fwcheck#policy()} was called.
     *
     * @return the policy
     * @throws IllegalStateException when no requirement was added
     */
    public Policy build() {
        if (requirements.isEmpty()) {
            throw new IllegalStateException(source + ": a policy needs at least one requirement");
        }
        return new Policy(names.groups(), names.services(), requirements, source);
    }

    private static Requirement with(Requirement r, String description, Severity severity) {
        if (r instanceof Requirement.MustAllow m) {
            return new Requirement.MustAllow(m.id(), description, severity, m.location(), m.from(), m.to(), m.service());
        }
        if (r instanceof Requirement.MustDeny m) {
            return new Requirement.MustDeny(m.id(), description, severity, m.location(), m.from(), m.to(), m.service());
        }
        Requirement.OnlyAllow o = (Requirement.OnlyAllow) r;
        return new Requirement.OnlyAllow(o.id(), description, severity, o.location(), o.to(), o.allow());
    }

    private Requirement last() {
        if (requirements.isEmpty()) {
            throw new IllegalStateException("no requirement yet: call mustAllow, mustDeny or onlyAllow first");
        }
        return requirements.get(requirements.size() - 1);
    }

    private void checkId(String id, SourceLocation at) {
        if (id == null || !ID.matcher(id).matches()) {
            throw Names.error(at, "requirement id '" + id + "' is not valid",
                    "letters, digits, _, ., : or -, starting with a letter, digit or _");
        }
        if (!ids.add(id)) {
            throw Names.error(at, "duplicate requirement id '" + id + "'", "a unique id");
        }
    }

    private Endpoint endpoint(String text, String what, SourceLocation at) {
        if (text == null || text.isBlank()) {
            throw Names.error(at, "no addresses in " + what, "a group name, any, or address items such as 10.0.1.0/24");
        }
        List<String> items = List.of(text.split(",", -1)).stream().map(String::strip).toList();
        AddressSet addresses = names.addresses(items, what, at);
        return new Endpoint(text, addresses);
    }

    /** The connections an only-allow requirement allows. */
    public final class Allowances {

        private final String what;
        private final SourceLocation at;
        private final List<Allowance> list = new ArrayList<>();

        private Allowances(String what, SourceLocation at) {
            this.what = what;
            this.at = at;
        }

        /**
         * Allows every connection from these sources.
         *
         * @param from a group, {@code any} or address items
         * @return these allowances
         */
        public Allowances from(String from) {
            return from(from, "any");
        }

        /**
         * Allows connections from these sources on a service.
         *
         * @param from a group, {@code any} or address items
         * @param service a service defined before or a spec
         * @return these allowances
         */
        public Allowances from(String from, String service) {
            Service s = names.service(service, what, at);
            list.add(new Allowance(endpoint(from, what, at), s));
            return this;
        }
    }
}
