package io.fwcheck.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens report files, creating their parent directories; failures become one-line errors (exit 2). */
final class ReportFiles {

    private ReportFiles() {}

    /** A writer replacing the file's content. */
    static Writer create(Path file) {
        return open(file);
    }

    /** A writer appending to the file, which is created when missing. */
    static Writer append(Path file) {
        return open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    private static Writer open(Path file, OpenOption... options) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent);
            }
            if (Files.isDirectory(file)) {
                throw new CliException("cannot write '" + file + "': it is a directory", ExitCodes.BAD_INPUT);
            }
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8, options);
        } catch (FileAlreadyExistsException e) {
            throw new CliException("cannot write '" + file + "': '" + e.getFile() + "' is not a directory",
                    ExitCodes.BAD_INPUT);
        } catch (NoSuchFileException e) {
            throw new CliException("cannot write '" + file + "': no such directory", ExitCodes.BAD_INPUT);
        } catch (AccessDeniedException e) {
            throw new CliException("cannot write '" + file + "': permission denied", ExitCodes.BAD_INPUT);
        } catch (FileSystemException e) {
            throw new CliException("cannot write '" + file + "': " + (e.getReason() == null ? e.getMessage()
                    : e.getReason()), ExitCodes.BAD_INPUT);
        } catch (IOException e) {
            throw new CliException("cannot write '" + file + "': " + e.getMessage(), ExitCodes.BAD_INPUT);
        }
    }

    /** Writes the whole text to a new file. */
    static void write(Path file, String text) {
        try (Writer out = create(file)) {
            out.write(text);
        } catch (IOException e) {
            throw new CliException("cannot write '" + file + "': " + e.getMessage(), ExitCodes.BAD_INPUT);
        }
    }
}
