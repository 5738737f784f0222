package io.fwcheck.format.yaml;

import io.fwcheck.format.InputException;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.TextFiles;
import io.fwcheck.model.SourceLocation;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a YAML file into a SnakeYAML node tree within fixed limits (size, nesting, aliases), turning
 * every failure (unreadable file, bad UTF-8, YAML syntax, limits) into an {@link InputException}
 * at the offending line:column. Scalars keep their text: nothing here applies YAML 1.1 typing.
 */
final class YamlLoader {

    /** Largest policy file or text accepted, in bytes (files) or characters (text). */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    /**
     * Largest ruleset file or text accepted: that of {@link RulesetLoader#MAX_BYTES} for every format,
     * since a ruleset converted to YAML (which writes out the exceptions of rules inlined from chains
     * for each rule) can be larger than the file it was converted from.
     */
    static final int MAX_RULESET_BYTES = RulesetLoader.MAX_BYTES;

    /** Deepest nesting of lists and mappings accepted. */
    static final int MAX_DEPTH = 50;

    /** Most aliases to lists or mappings accepted in one document (alias bombs stay small). */
    static final int MAX_COLLECTION_ALIASES = 20;

    private static final String YAML_HINT = "valid YAML; check the indentation, and quote values that contain"
            + " ': ' or ' #' or start with !, &, *, @, :, [ or {";

    private YamlLoader() {}

    /** The file's text, decoded as UTF-8, or an {@link InputException} at line 0 saying why not. */
    static String readFile(Path file) {
        return readFile(file, MAX_BYTES);
    }

    /** The text of a file of at most {@code limit} bytes, decoded as UTF-8. */
    static String readFile(Path file, int limit) {
        return TextFiles.utf8(TextFiles.read(file, limit, "YAML file"), file.toString(), "a UTF-8 text file");
    }

    /**
     * Composes the single YAML document in the text; empty when the text holds no document or an
     * empty one (only comments, blank lines or {@code ---}).
     */
    static Optional<Node> compose(String text, String fileName) {
        return compose(text, fileName, MAX_BYTES);
    }

    /** Composes the single YAML document of a text of at most {@code limit} characters. */
    static Optional<Node> compose(String text, String fileName, int limit) {
        if (text.length() > limit) {
            throw new InputException(new SourceLocation(fileName, 0, 0),
                    "text is " + text.length() + " characters, over the limit of " + limit + " characters",
                    "a smaller file");
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        LoaderOptions options = options(limit);
        GuardedParser parser = new GuardedParser(new ParserImpl(new StreamReader(body), options), fileName);
        try {
            Node root = new Composer(parser, PLAIN_TEXT, options).getSingleNode();
            return Optional.ofNullable(root).filter(node -> !YamlSource.isNull(node));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            if (e.getContext() != null && problem.startsWith("but ")) {
                problem = e.getContext() + " " + problem;
            }
            throw new InputException(at(fileName, mark), "YAML syntax error: " + oneLine(problem) + near(body, mark),
                    YAML_HINT);
        } catch (ReaderException e) {
            throw new InputException(atCodePoint(fileName, body, e.getPosition()),
                    String.format("character U+%04X is not allowed in YAML", e.getCodePoint()),
                    "printable text");
        } catch (YAMLException e) {
            throw new InputException(at(fileName, parser.lastMark()), "YAML error: " + oneLine(e.getMessage()),
                    YAML_HINT);
        }
    }

    /**
     * The keys of the top-level mapping of the YAML text, in order, read lazily: the text is parsed
     * only as far as the keys asked for, so finding an early key of a large document is cheap.
     * Keys that are not scalars are passed over; nothing when the top level is not a mapping. The
     * keys end early, without an error, where the text is not valid YAML or breaks a limit.
     */
    static Iterator<String> topLevelKeys(String text, int limit) {
        if (text.length() > limit) {
            return Collections.emptyIterator();
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Parser parser = new GuardedParser(new ParserImpl(new StreamReader(body), options(limit)), "<peek>");
        return new Iterator<>() {
            private String next;
            private boolean started;
            private boolean done;
            private boolean valuePending;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = advance();
                    } catch (YAMLException | InputException e) {
                        next = null;
                    }
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String key = next;
                next = null;
                return key;
            }

            /** The next scalar key of the top-level mapping, or null at its end. */
            private String advance() {
                if (!started) {
                    started = true;
                    parser.getEvent(); // stream start
                    if (!parser.checkEvent(Event.ID.DocumentStart)) {
                        return null;
                    }
                    parser.getEvent();
                    if (!parser.checkEvent(Event.ID.MappingStart)) {
                        return null;
                    }
                    parser.getEvent();
                }
                if (valuePending) {
                    // the value of the key returned last, passed over only now: a caller that
                    // stops at a key never reads its value (say, a list of 10,000 rules)
                    skipNode(parser);
                    valuePending = false;
                }
                while (!parser.checkEvent(Event.ID.MappingEnd)) {
                    Event key = parser.getEvent();
                    if (key instanceof ScalarEvent scalar) {
                        valuePending = true;
                        return scalar.getValue();
                    }
                    if (key instanceof CollectionStartEvent) {
                        skipCollection(parser);
                    }
                    skipNode(parser);
                }
                return null;
            }
        };
    }

    /** Passes over the next node: a scalar, an alias or a whole collection. */
    private static void skipNode(Parser parser) {
        if (parser.getEvent() instanceof CollectionStartEvent) {
            skipCollection(parser);
        }
    }

    /** Passes over the rest of a collection whose start was just read. */
    private static void skipCollection(Parser parser) {
        for (int depth = 1; depth > 0; ) {
            Event event = parser.getEvent();
            if (event instanceof CollectionStartEvent) {
                depth++;
            } else if (event instanceof CollectionEndEvent) {
                depth--;
            }
        }
    }

    /**
     * Tags plain scalars as null (empty, {@code ~}, {@code null}) or text ({@code <<} as a merge key,
     * as YAML has it), never as numbers, booleans or dates: every reader takes values as text and
     * parses them itself, so the standard resolver's pattern matching on every scalar (most of the
     * regular expressions run when a large ruleset is read) would find nothing anyone uses.
     */
    private static final Resolver PLAIN_TEXT = new Resolver() {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind != NodeId.scalar || !implicit) {
                return super.resolve(kind, value, implicit);
            }
            return switch (value) {
                case "", "~", "null", "Null", "NULL", " " -> Tag.NULL;
                case "<<" -> Tag.MERGE;
                default -> Tag.STR;
            };
        }
    };

    private static LoaderOptions options(int limit) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false);
        options.setProcessComments(false);
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH + 1);
        options.setCodePointLimit(limit + 1);
        return options;
    }

    private static SourceLocation at(String fileName, Mark mark) {
        if (mark == null) {
            return new SourceLocation(fileName, 1, 1);
        }
        return new SourceLocation(fileName, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static SourceLocation atCodePoint(String fileName, String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int index = 0;
        int seen = 0;
        while (index < text.length() && seen < codePointIndex) {
            int cp = text.codePointAt(index);
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            index += Character.charCount(cp);
            seen++;
        }
        return new SourceLocation(fileName, line, column);
    }

    /** {@code , near 'text of the line'} for the line of the mark, or nothing. */
    private static String near(String text, Mark mark) {
        if (mark == null) {
            return "";
        }
        String[] lines = text.split("\n", -1);
        if (mark.getLine() >= lines.length) {
            return "";
        }
        String line = lines[mark.getLine()].strip();
        if (line.isEmpty()) {
            return "";
        }
        return ", near '" + (line.length() > 60 ? line.substring(0, 57) + "..." : line) + "'";
    }

    private static String oneLine(String text) {
        return text == null ? "unknown problem" : text.replaceAll("\\s+", " ").strip();
    }
}
