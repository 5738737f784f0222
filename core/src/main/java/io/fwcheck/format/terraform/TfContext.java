package io.fwcheck.format.terraform;

import io.fwcheck.format.InputException;
import io.fwcheck.format.json.Json;
import io.fwcheck.format.terraform.TerraformPlan.Resource;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the readers of Terraform resources share: locations and comments of values, values known
 * only after apply, and attributes fwcheck does not model. Terraform writes every attribute of a
 * resource's schema; those that do not concern filtering are ignored, and any other with a value
 * (an attribute of a newer provider, say) makes the resource's rules uncertain rather than being
 * dropped.
 */
final class TfContext {

    private final TerraformPlan plan;

    TfContext(TerraformPlan plan) {
        this.plan = plan;
    }

    TerraformPlan plan() {
        return plan;
    }

    /**
     * Where a resource's rules and conditions are reported: the resource's entry in the document,
     * the same before and after the change (so that a rule the plan leaves alone is the same rule
     * on both sides); comments and conditions name the attribute path.
     */
    SourceLocation at(Resource r) {
        return plan.json().source().at(r.node());
    }

    /** {@code description (aws_security_group.db ingress[0])}. */
    String comment(Resource r, TfValue v, String description) {
        String where = r.address() + (v.path().isEmpty() ? "" : " " + v.path());
        return description.isEmpty() ? where : description + " (" + where + ")";
    }

    /** A value known only after apply, as an unmodelled condition. */
    Unmodelled afterApply(Resource r, TfValue v) {
        return new Unmodelled(r.address() + " " + v.path() + " (known after apply)", at(r));
    }

    InputException invalid(TfValue v, IllegalArgumentException e) {
        return plan.json().invalid(v.node(), e);
    }

    InputException error(TfValue v, String problem, String expected) {
        Json node = v.node();
        return plan.json().error(node, problem, expected);
    }

    /**
     * The attributes of an object value that are neither read nor ignored and have a value, as
     * unmodelled conditions.
     */
    List<Unmodelled> notModelled(Resource r, TfValue object, Set<String> known, Set<String> ignored) {
        List<Unmodelled> out = new ArrayList<>();
        if (object.node() instanceof Json.Obj o) {
            for (Map.Entry<String, Json> e : o.entries()) {
                String key = e.getKey();
                TfValue v = object.get(key);
                if (!known.contains(key) && !ignored.contains(key) && !v.isEmpty()) {
                    out.add(new Unmodelled(r.address() + " attribute " + v.path() + " (not modelled)", at(r)));
                }
            }
        }
        return out;
    }

    /** A known string attribute, or empty when it is null, absent or unknown. */
    static Optional<String> string(TfValue v) {
        return v.string().filter(s -> !s.isEmpty());
    }

    /** The known strings of a list attribute and an unmodelled condition per unknown item or for an unknown list. */
    List<String> strings(Resource r, TfValue list, List<Unmodelled> unknowns) {
        List<String> out = new ArrayList<>();
        if (list.isUnknown()) {
            unknowns.add(afterApply(r, list));
            return out;
        }
        for (TfValue item : list.items()) {
            if (item.isUnknown()) {
                unknowns.add(afterApply(r, item));
            } else if (item.node() instanceof Json.Str s) {
                out.add(s.value());
            } else if (!(item.node() instanceof Json.Null)) {
                throw error(item, r.address() + " " + item.path() + " is " + item.node().kind(), "a string");
            }
        }
        return out;
    }
}
