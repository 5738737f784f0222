package io.fwcheck.format.iptables;

import io.fwcheck.format.InputException;
import io.fwcheck.model.SourceLocation;
import java.util.Arrays;

/**
 * The words of one line as iptables-restore splits them: blanks separate words, double (or
 * single) quotes group a word that may hold blanks, a backslash inside quotes takes the next
 * character literally. Each word keeps its 1-based column and whether it was quoted.
 */
final class Tokens {

    private String[] text = new String[16];
    private int[] column = new int[16];
    private boolean[] quoted = new boolean[16];
    private int size;
    private String file;
    private int line;

    /** Splits {@code line} (without its end of line). */
    static Tokens of(String lineText, String file, int line) {
        Tokens t = new Tokens();
        t.file = file;
        t.line = line;
        t.split(lineText);
        return t;
    }

    private void split(String s) {
        int n = s.length();
        int i = 0;
        StringBuilder sb = null;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B) {
                i++;
                continue;
            }
            int start = i;
            boolean wasQuoted = false;
            boolean simple = true;
            while (i < n) {
                c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B) {
                    break;
                }
                if (c == '"' || c == '\'') {
                    if (simple) {
                        sb = new StringBuilder(s.length() - start);
                        sb.append(s, start, i);
                        simple = false;
                    }
                    wasQuoted = true;
                    char quote = c;
                    int open = i;
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char q = s.charAt(i);
                        if (q == '\\' && i + 1 < n) {
                            sb.append(s.charAt(i + 1));
                            i += 2;
                        } else if (q == quote) {
                            closed = true;
                            i++;
                            break;
                        } else {
                            sb.append(q);
                            i++;
                        }
                    }
                    if (!closed) {
                        throw new InputException(new SourceLocation(file, line, open + 1),
                                "unterminated quote " + quote, "a closing " + quote + " on the same line");
                    }
                    continue;
                }
                if (!simple) {
                    sb.append(c);
                }
                i++;
            }
            add(simple ? s.substring(start, i) : sb.toString(), start + 1, wasQuoted);
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
