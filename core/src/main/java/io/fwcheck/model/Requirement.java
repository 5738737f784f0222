package io.fwcheck.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One requirement of a policy, about NEW connections. Its {@link #text()} is generated from its
 * parts so reports never drift from what was checked.
 */
public sealed interface Requirement permits Requirement.MustAllow, Requirement.MustDeny, Requirement.OnlyAllow {

    /** Stable id, unique in the policy. */
    String id();

    /** The user's description, empty when none. */
    String description();

    Severity severity();

    SourceLocation location();

    /** What the requirement demands, e.g. {@code app-servers must reach db on postgres}. */
    String text();

    /** The requirement's kind as written in a policy: must-allow, must-deny, only-allow. */
    String kind();

    /** Every NEW connection from every address of {@code from} to every address of {@code to} on the service is accepted. */
    record MustAllow(String id, String description, Severity severity, SourceLocation location,
            Endpoint from, Endpoint to, Service service) implements Requirement {
        @Override
        public String text() {
            return from + " must reach " + to + " on " + service.name();
        }

        @Override
        public String kind() {
            return "must-allow";
        }
    }

    /** No NEW connection from {@code from} to {@code to} on the service is accepted. */
    record MustDeny(String id, String description, Severity severity, SourceLocation location,
            Endpoint from, Endpoint to, Service service) implements Requirement {
        @Override
        public String text() {
            return from + " must not reach " + to + (service.isAny() ? "" : " on " + service.name());
        }

        @Override
        public String kind() {
            return "must-deny";
        }
    }

    /** Every NEW connection accepted toward {@code to} is covered by one of the allowances. */
    record OnlyAllow(String id, String description, Severity severity, SourceLocation location,
            Endpoint to, List<Allowance> allow) implements Requirement {
        public OnlyAllow {
            allow = List.copyOf(allow);
        }

        @Override
        public String text() {
            if (allow.isEmpty()) {
                return to + " accepts no new connection";
            }
            return to + " accepts only " + allow.stream().map(Allowance::toString).collect(Collectors.joining(", "));
        }

        @Override
        public String kind() {
            return "only-allow";
        }
    }

    /** One permitted kind of connection of an only-allow requirement. */
    record Allowance(Endpoint from, Service service) {
        @Override
        public String toString() {
            return from + (service.isAny() ? "" : " on " + service.name());
        }
    }
}
