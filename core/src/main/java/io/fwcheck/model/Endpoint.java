package io.fwcheck.model;

/**
 * A named set of addresses a requirement refers to: a group of the policy, or addresses written
 * inline (then the name is their text).
 */
public record Endpoint(String name, AddressSet addresses) {

    public Endpoint {
        if (name == null || addresses == null) {
            throw new IllegalArgumentException("endpoint name and addresses are required");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
