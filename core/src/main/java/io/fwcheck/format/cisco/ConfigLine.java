package io.fwcheck.format.cisco;

import io.fwcheck.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a device configuration split into blank-separated words, each with its 1-based
 * column. A word {@code !} after the first ends the line (a trailing comment).
 *
 * @param number the 1-based line number
 * @param text the line as written, without its end of line
 * @param words the words
 * @param indented true when the line starts with a blank (a stanza's child)
 */
record ConfigLine(int number, String text, List<Word> words, boolean indented) {

    /** One word and its 1-based column. */
    record Word(String text, int column) {}

    static ConfigLine of(int number, String text) {
        List<Word> words = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                i++;
                continue;
            }
            int start = i;
            while (i < n && !isBlank(text.charAt(i))) {
                i++;
            }
            String word = text.substring(start, i);
            if (word.equals("!") && !words.isEmpty()) {
                break;
            }
            words.add(new Word(word, start + 1));
        }
        boolean indented = n > 0 && (text.charAt(0) == ' ' || text.charAt(0) == '\t');
        return new ConfigLine(number, text, List.copyOf(words), indented);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f';
    }

    int size() {
        return words.size();
    }

    /** The word at {@code index}, or the empty string past the end. */
    String word(int index) {
        return index < words.size() ? words.get(index).text() : "";
    }

    /** The column of the word at {@code index}; past the end, the column after the last word. */
    int column(int index) {
        if (index < words.size()) {
            return words.get(index).column();
        }
        if (words.isEmpty()) {
            return 1;
        }
        Word last = words.get(words.size() - 1);
        return last.column() + last.text().length() + 1;
    }

    /** The text from the word at {@code index} to the end of the line, trailing blanks removed. */
    String rest(int index) {
        if (index >= words.size()) {
            return "";
        }
        return text.substring(words.get(index).column() - 1).strip();
    }

    /** The words from {@code index} to the end, joined by one blank. */
    String words(int index) {
        StringBuilder b = new StringBuilder();
        for (int i = index; i < words.size(); i++) {
            if (i > index) {
                b.append(' ');
            }
            b.append(words.get(i).text());
        }
        return b.toString();
    }

    SourceLocation at(String file, int index) {
        return new SourceLocation(file, number, column(index));
    }
}
