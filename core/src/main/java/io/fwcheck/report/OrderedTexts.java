package io.fwcheck.report;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The texts of a report's parts (an audit's rulesets), rendered on a few threads while the report
 * is written, and handed out in order: each thread a few parts ahead of the one asked for at most,
 * so a report of hundreds of megabytes is never held whole. On the caller's thread alone when one
 * thread is asked for or there is one part.
 *
 * @param <T> what a part is rendered from
 */
final class OrderedTexts<T> implements AutoCloseable {

    /** Renders one part. */
    interface Renderer<T> {
        void render(T part, Chars out) throws IOException;
    }

    /** Parts rendered or being rendered ahead of the one asked for, per thread. */
    private static final int AHEAD = 2;

    private final List<T> parts;
    private final Renderer<T> renderer;
    private final ExecutorService pool;
    private final int ahead;
    private final ArrayDeque<Future<Chars>> pending = new ArrayDeque<>();
    /** Texts already written, their arrays kept for the parts still to render. */
    private final ConcurrentLinkedQueue<Chars> spare = new ConcurrentLinkedQueue<>();
    /** The text {@link #get} handed out last. */
    private Chars last;
    private int submitted;

    OrderedTexts(List<T> parts, int threads, Renderer<T> renderer) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.parts = parts;
        this.renderer = renderer;
        int workers = Math.min(threads, parts.size());
        this.pool = workers > 1 ? Executors.newFixedThreadPool(workers, OrderedTexts::thread) : null;
        this.ahead = workers * AHEAD;
    }

    private static Thread thread(Runnable task) {
        Thread t = new Thread(task, "fwcheck-report");
        t.setDaemon(true);
        return t;
    }

    /**
     * The text of part {@code index}; parts are asked for in order, each once. A text is read
     * before the next is asked for: its array then holds another part's.
     */
    Chars get(int index) throws IOException {
        if (last != null) {
            spare.add(last);
            last = null;
        }
        last = next(index);
        return last;
    }

    private Chars next(int index) throws IOException {
        if (pool == null) {
            return render(parts.get(index));
        }
        while (submitted < parts.size() && submitted <= index + ahead) {
            T part = parts.get(submitted++);
            pending.add(pool.submit(() -> render(part)));
        }
        try {
            return pending.remove().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the report was written");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    /** What a rendering failed with: its I/O exception to throw, or the unchecked one thrown. */
    private static IOException failure(Throwable cause) {
        if (cause instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof IOException io ? io : new IOException(cause);
    }

    private Chars render(T part) throws IOException {
        Chars out = spare.poll();
        if (out == null) {
            out = new Chars();
        } else {
            out.clear();
        }
        renderer.render(part, out);
        return out;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /**
     * Text written into a growing array, read from it without a copy; a part of a JSON array marks
     * where each of its elements ends.
     */
    static final class Chars extends Writer {
        private char[] chars = new char[8192];
        private int length;
        private int[] ends = new int[4];
        private int elements;

        /** Empties the text, keeping its arrays. */
        void clear() {
            length = 0;
            elements = 0;
        }

        /** Marks the end of an element: the text written since the previous mark (or the start). */
        void endElement() {
            if (elements == ends.length) {
                ends = Arrays.copyOf(ends, 2 * ends.length);
            }
            ends[elements++] = length;
        }

        int elements() {
            return elements;
        }

        /** Where element {@code e} starts in {@link #chars()}. */
        int start(int e) {
            return e == 0 ? 0 : ends[e - 1];
        }

        /** Where element {@code e} ends in {@link #chars()}. */
        int end(int e) {
            return ends[e];
        }

        /** The text's characters: the first {@link #length()} of the array. */
        char[] chars() {
            return chars;
        }

        int length() {
            return length;
        }

        void writeTo(Writer out) throws IOException {
            out.write(chars, 0, length);
        }

        private void room(int count) {
            if (chars.length - length < count) {
                chars = Arrays.copyOf(chars, Math.max(2 * chars.length, length + count));
            }
        }

        @Override
        public void write(char[] text, int offset, int count) {
            room(count);
            System.arraycopy(text, offset, chars, length, count);
            length += count;
        }

        @Override
        public void write(String text, int offset, int count) {
            room(count);
            text.getChars(offset, offset + count, chars, length);
            length += count;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
