package io.fwcheck.format.yaml;

import io.fwcheck.format.InputException;
import io.fwcheck.model.SourceLocation;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * A YAML event stream that enforces the nesting and alias limits before the composer builds a
 * tree, so that an alias bomb or a deeply nested document fails at the offending line:column. It
 * also remembers the last event's position for errors that SnakeYAML reports without one.
 */
final class GuardedParser implements Parser {

    private final Parser delegate;
    private final String fileName;
    private final Map<String, Boolean> anchorIsCollection = new HashMap<>();
    private int depth;
    private int collectionAliases;
    private Mark lastMark;

    GuardedParser(Parser delegate, String fileName) {
        this.delegate = delegate;
        this.fileName = fileName;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return delegate.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return delegate.peekEvent();
    }

    @Override
    public Event getEvent() {
        Event event = delegate.getEvent();
        lastMark = event.getStartMark();
        if (event instanceof CollectionStartEvent start) {
            depth++;
            if (depth > YamlLoader.MAX_DEPTH) {
                throw new InputException(at(event), "nesting deeper than " + YamlLoader.MAX_DEPTH + " levels",
                        "a policy or ruleset nested a few levels deep");
            }
            remember(start, true);
        } else if (event instanceof CollectionEndEvent) {
            depth--;
        } else if (event instanceof AliasEvent alias) {
            if (Boolean.TRUE.equals(anchorIsCollection.get(alias.getAnchor()))) {
                collectionAliases++;
                if (collectionAliases > YamlLoader.MAX_COLLECTION_ALIASES) {
                    throw new InputException(at(event), "more than " + YamlLoader.MAX_COLLECTION_ALIASES
                                    + " aliases to lists or mappings (*" + alias.getAnchor() + " and earlier)",
                            "at most " + YamlLoader.MAX_COLLECTION_ALIASES
                                    + " such aliases; use groups and services to share definitions");
                }
            }
        } else if (event instanceof NodeEvent node) {
            remember(node, false);
        }
        return event;
    }

    private void remember(NodeEvent event, boolean collection) {
        if (event.getAnchor() != null) {
            anchorIsCollection.put(event.getAnchor(), collection);
        }
    }

    /** Where the last event started, or null before the first. */
    Mark lastMark() {
        return lastMark;
    }

    private SourceLocation at(Event event) {
        Mark mark = event.getStartMark();
        return new SourceLocation(fileName, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
