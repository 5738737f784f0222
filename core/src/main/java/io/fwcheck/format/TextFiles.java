package io.fwcheck.format;

import io.fwcheck.model.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading input files within a size limit, and decoding them as UTF-8 with the place of a bad byte. */
public final class TextFiles {

    private TextFiles() {}

    /**
     * The bytes of a file of at most {@code limit} bytes.
     *
     * @param kind what the file should be, for messages: {@code ruleset file}, {@code YAML file}
     * @throws InputException at line 0 of the file when it cannot be read or is too large
     */
    public static byte[] read(Path file, int limit, String kind) {
        String limitText = limit + " bytes (" + (limit >> 20) + " MiB)";
        String name = file.toString();
        SourceLocation where = new SourceLocation(name, 0, 0);
        if (Files.isDirectory(file)) {
            throw new InputException(where, "cannot read '" + name + "': it is a directory", "a " + kind);
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > limit) {
                throw new InputException(where, "file is " + size + " bytes, over the limit of " + limitText,
                        "a smaller file");
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(limit + 1);
            }
        } catch (NoSuchFileException e) {
            throw new InputException(where, "cannot read '" + name + "': no such file", "an existing " + kind);
        } catch (AccessDeniedException e) {
            throw new InputException(where, "cannot read '" + name + "': permission denied", "a readable file");
        } catch (IOException e) {
            throw new InputException(where, "cannot read '" + name + "': " + e.getMessage(), "a readable file");
        }
        if (bytes.length > limit) {
            throw new InputException(where, "file is over the limit of " + limitText, "a smaller file");
        }
        return bytes;
    }

    /**
     * The bytes decoded as UTF-8.
     *
     * @param name the file, for the location of a bad byte
     * @param expected what the message says was expected instead
     * @throws InputException at the line and column of the first byte that is not valid UTF-8
     */
    public static String utf8(byte[] bytes, String name, String expected) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
            throw new InputException(new SourceLocation(name, line, before.codePointCount(0, before.length()) + 1),
                    String.format("byte 0x%02X is not valid UTF-8", bytes[offset] & 0xFF), expected);
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }
}
