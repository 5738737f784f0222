package io.fwcheck.format.aws;

import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Unmodelled;

/** The other end of a security group rule: the source of an ingress rule, the destination of an egress rule. */
public sealed interface Peer {

    /** Addresses given in the rule: a CIDR block ({@code CidrIp}, {@code CidrIpv6}). */
    record Addresses(AddressSet addresses) implements Peer {}

    /** A managed prefix list ({@code pl-…}), whose CIDR blocks the rule does not show. */
    record PrefixList(String id) implements Peer {}

    /** The members of a security group ({@code sg-…}): the private addresses of its network interfaces. */
    record Group(String id) implements Peer {}

    /** A peer not known until the rule is applied (a Terraform value known after apply): any address, maybe. */
    record Unknown(Unmodelled why) implements Peer {}
}
