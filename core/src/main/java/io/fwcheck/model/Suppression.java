package io.fwcheck.model;

/**
 * A reasoned exception written on a rule: findings of one type about that rule are not reported
 * by audits (they are listed as suppressed, with the reason).
 *
 * @param id the finding type id it suppresses, e.g. {@code shadowed-rule}
 * @param reason why the finding is acceptable; never blank
 * @param location where the suppression is written
 */
public record Suppression(String id, String reason, SourceLocation location) {

    public Suppression {
        if (id == null || id.isBlank() || reason == null || reason.isBlank() || location == null) {
            throw new IllegalArgumentException("a suppression needs a finding id, a reason and a location");
        }
    }
}
