package io.fwcheck.format.iptables;

import io.fwcheck.format.InputException;
import io.fwcheck.model.SourceLocation;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The words of one line as iptables-restore splits them: blanks separate words, double (or
 * single) quotes group a word that may hold blanks, a backslash inside quotes takes the next
 * character literally. Each word keeps its 1-based column and whether it was quoted.
 */
final class Tokens {

    /** Most distinct words kept for reuse; past it, words are new strings. */
    private static final int MAX_WORDS = 1 << 15;

    private String[] text = new String[16];
    private int[] column = new int[16];
    private boolean[] quoted = new boolean[16];
    private int size;
    /** Where the last line split ended. */
    private int end;
    private String file;
    private int line;
    /** Words seen before, by content (open addressing): repeated words are one string, hashed once. */
    private String[] words = new String[1024];
    private char[][] wordChars = new char[1024][];
    private int[] hashes = new int[1024];
    private int wordCount;

    /** Splits {@code line} (without its end of line). */
    static Tokens of(String lineText, String file, int line) {
        Tokens t = new Tokens(file);
        t.split(lineText.toCharArray(), 0, lineText.length(), line);
        return t;
    }

    /** A tokenizer for the lines of one file, reused line after line. */
    Tokens(String file) {
        this(file, List.of());
    }

    /**
     * A tokenizer whose words equal to one of {@code known} are those very strings: with the
     * constants a parser compares words to, comparisons and map lookups find them by identity.
     */
    Tokens(String file, Collection<String> known) {
        this.file = file;
        for (String w : known) {
            char[] chars = w.toCharArray();
            word(chars, 0, chars.length, hash(chars, 0, chars.length), w);
        }
    }

    /**
     * Splits the line that starts at {@code from} and ends at the first end of line
     * ({@code \n}) before {@code to}, or at {@code to}, replacing the previous line's words;
     * columns count from {@code from}. {@link #end()} then tells where the line ended.
     */
    Tokens split(char[] s, int from, int to, int lineNumber) {
        size = 0;
        line = lineNumber;
        int i = from;
        while (i < to) {
            char c = s[i];
            if (c < 128 && KIND[c] != WORD) {
                if (c == '\n') {
                    break;
                }
                if (KIND[c] == BLANK) {
                    i++;
                    continue;
                }
            }
            int start = i;
            int h = 0;
            while (i < to) {
                c = s[i];
                if (c < 128 && KIND[c] != WORD) {
                    break;
                }
                h = Integer.rotateLeft(h, 5) ^ c;
                i++;
            }
            if (i < to && KIND[s[i]] == QUOTE) {
                i = quoted(s, start, i, to, from);
            } else {
                add(word(s, start, i, mix(h, i - start)), start - from + 1, false);
            }
        }
        end = i;
        return this;
    }

    /** Where the last line split ended: the index of its end of line, or the end of the text. */
    int end() {
        return end;
    }

    private static final byte WORD = 0;
    private static final byte BLANK = 1;
    private static final byte QUOTE = 2;
    private static final byte NEWLINE = 3;
    /** What each ASCII character is to the splitter; every other character is part of a word. */
    private static final byte[] KIND = new byte[128];

    static {
        for (char c : new char[] {' ', '\t', '\r', '\f', 0x0B}) {
            KIND[c] = BLANK;
        }
        KIND['\n'] = NEWLINE;
        KIND['"'] = QUOTE;
        KIND['\''] = QUOTE;
    }

    /**
     * The rest of a word that has quotes, from {@code quote} on ({@code start} is where the word
     * began); returns the index after the word.
     */
    private int quoted(char[] s, int start, int quote, int to, int from) {
        StringBuilder sb = new StringBuilder(quote - start + 16);
        sb.append(s, start, quote - start);
        int i = quote;
        while (i < to) {
            char c = s[i];
            if (c < 128 && (KIND[c] == BLANK || KIND[c] == NEWLINE)) {
                break;
            }
            if (c == '"' || c == '\'') {
                int open = i++;
                boolean closed = false;
                while (i < to && s[i] != '\n') {
                    char q = s[i];
                    if (q == '\\' && i + 1 < to && s[i + 1] != '\n') {
                        sb.append(s[i + 1]);
                        i += 2;
                    } else if (q == c) {
                        closed = true;
                        i++;
                        break;
                    } else {
                        sb.append(q);
                        i++;
                    }
                }
                if (!closed) {
                    throw new InputException(new SourceLocation(file, line, open - from + 1),
                            "unterminated quote " + c, "a closing " + c + " on the same line");
                }
            } else {
                sb.append(c);
                i++;
            }
        }
        add(sb.toString(), start - from + 1, true);
        return i;
    }

    /**
     * A hash of {@code s[from, to)}: each character rotated into it as it is read
     * ({@code h = rotl(h, 5) ^ c}, a short dependency chain), then mixed with the length.
     */
    private static int hash(char[] s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = Integer.rotateLeft(h, 5) ^ s[i];
        }
        return mix(h, to - from);
    }

    private static int mix(int h, int length) {
        return (h + length) * 0x9E3779B9;
    }

    /** The word {@code s[from, to)}, whose {@link #hash} is {@code h}: the string kept for it when seen before. */
    private String word(char[] s, int from, int to, int h) {
        return word(s, from, to, h, null);
    }

    /** {@link #word(char[], int, int, int)}, keeping {@code given} (when not null) for a word seen first. */
    private String word(char[] s, int from, int to, int h, String given) {
        int mask = words.length - 1;
        int k = (h ^ (h >>> 15)) & mask;
        for (char[] w = wordChars[k]; w != null; w = wordChars[k]) {
            if (hashes[k] == h && same(w, s, from, to)) {
                return words[k];
            }
            k = (k + 1) & mask;
        }
        String w = given != null ? given : new String(s, from, to - from);
        if (wordCount < MAX_WORDS) {
            words[k] = w;
            wordChars[k] = Arrays.copyOfRange(s, from, to);
            hashes[k] = h;
            if (++wordCount * 2 > words.length) {
                rehash();
            }
        }
        return w;
    }

    private static boolean same(char[] w, char[] s, int from, int to) {
        return w.length == to - from && Arrays.equals(w, 0, w.length, s, from, to);
    }

    private void rehash() {
        String[] old = words;
        char[][] oldChars = wordChars;
        int[] oldHashes = hashes;
        words = new String[old.length * 2];
        wordChars = new char[old.length * 2][];
        hashes = new int[old.length * 2];
        int mask = words.length - 1;
        for (int j = 0; j < old.length; j++) {
            if (old[j] != null) {
                int h = oldHashes[j];
                int k = (h ^ (h >>> 15)) & mask;
                while (words[k] != null) {
                    k = (k + 1) & mask;
                }
                words[k] = old[j];
                wordChars[k] = oldChars[j];
                hashes[k] = h;
            }
        }
    }

    private void add(String word, int col, boolean q) {
        if (size == text.length) {
            text = Arrays.copyOf(text, size * 2);
            column = Arrays.copyOf(column, size * 2);
            quoted = Arrays.copyOf(quoted, size * 2);
        }
        text[size] = word;
        column[size] = col;
        quoted[size] = q;
        size++;
    }

    int size() {
        return size;
    }

    String get(int i) {
        return text[i];
    }

    int column(int i) {
        return column[i];
    }

    boolean quoted(int i) {
        return quoted[i];
    }

    /** True when word {@code i} is an unquoted {@code !}. */
    boolean isBang(int i) {
        return i < size && !quoted[i] && text[i].equals("!");
    }

    /** True when word {@code i} looks like an option: unquoted, starting with {@code -} and not a number. */
    boolean isOption(int i) {
        if (i >= size || quoted[i]) {
            return false;
        }
        String w = text[i];
        return w.length() > 1 && w.charAt(0) == '-' && !(w.charAt(1) >= '0' && w.charAt(1) <= '9');
    }

    SourceLocation at(int i) {
        return new SourceLocation(file, line, i < size ? column[i] : (size == 0 ? 1 : column[size - 1] + text[size - 1].length()));
    }

    /** Words {@code from} (inclusive) to {@code to} (exclusive) as written, quoting quoted words. */
    String text(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to && i < size; i++) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (quoted[i]) {
                sb.append('"').append(text[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                sb.append(text[i]);
            }
        }
        return sb.toString();
    }
}
