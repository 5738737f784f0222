package io.fwcheck.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns the file names in results (as the user typed them) into what CI tools expect: a path
 * relative to the working directory with forward slashes, or, for a file outside it, an absolute
 * path or {@code file:} URI. Names of things built in code ({@code <builder>}) are not files.
 */
final class Artifacts {

    private static final String UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private Artifacts() {}

    /** Where a file is: relative to the working directory (then {@code inside}), or absolute. */
    record Place(String path, boolean inside) {}

    /** The file's place, or empty when the name is not a file ({@code <unknown>}, {@code <builder>}). */
    static Optional<Place> place(String file, Path workingDirectory) {
        if (file.isEmpty() || file.startsWith("<")) {
            return Optional.empty();
        }
        Path absolute;
        try {
            absolute = workingDirectory.resolve(file).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (absolute.startsWith(workingDirectory) && !absolute.equals(workingDirectory)) {
            return Optional.of(new Place(slashes(workingDirectory.relativize(absolute)), true));
        }
        return Optional.of(new Place(slashes(absolute), false));
    }

    /** The file's path for annotations: relative with forward slashes when inside, else absolute. */
    static Optional<String> path(String file, Path workingDirectory) {
        return place(file, workingDirectory).map(Place::path);
    }

    /**
     * A URI for SARIF: relative and percent-encoded when the file is inside the working directory
     * (to be resolved against {@code %SRCROOT%}), else an absolute {@code file:} URI.
     */
    static Optional<String> uri(Place place) {
        if (place.inside()) {
            return Optional.of(encode(place.path()));
        }
        String path = place.path().startsWith("/") ? place.path() : "/" + place.path();
        return Optional.of("file://" + encode(path));
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }

    /** Percent-encodes everything but unreserved characters and '/' (RFC 3986), as UTF-8. */
    static String encode(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c == '/' || c < 0x80 && UNRESERVED.indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }
}
