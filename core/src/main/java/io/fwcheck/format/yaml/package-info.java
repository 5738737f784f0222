/**
 * fwcheck's own YAML formats: policies ({@link io.fwcheck.format.yaml.YamlPolicyReader}) and native
 * rulesets ({@link io.fwcheck.format.yaml.YamlRulesetReader}). Both read a SnakeYAML node tree
 * within fixed limits and map it by hand, so that every value is taken as written and every
 * problem is reported at its file:line:column.
 */
package io.fwcheck.format.yaml;
