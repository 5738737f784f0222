package io.fwcheck.it;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which of fwcheck's packages compiled classes refer to, read from their class files: every class
 * name, descriptor and signature in the constant pool counts, so imports, fully qualified names,
 * wildcard imports and types used only in signatures are all seen.
 */
final class Dependencies {

    private static final Pattern FWCHECK_CLASS = Pattern.compile("io/fwcheck((?:/[a-z_][a-z0-9_]*)*)/[A-Za-z_$][A-Za-z0-9_$]*");

    private Dependencies() {}

    /** The classes of a jar or class directory: class name to its bytes (module-info left out). */
    static Map<String, byte[]> classes(Path jarOrDirectory) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try {
            if (Files.isDirectory(jarOrDirectory)) {
                try (Stream<Path> files = Files.walk(jarOrDirectory)) {
                    for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class")).sorted()::iterator) {
                        String name = jarOrDirectory.relativize(f).toString().replace('\\', '/');
                        if (!name.endsWith("module-info.class")) {
                            out.put(className(name), Files.readAllBytes(f));
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(jarOrDirectory.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry e = entries.nextElement();
                        if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")
                                && !e.getName().startsWith("META-INF/")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                out.put(className(e.getName()), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The module descriptor of a jar or class directory. */
    static ModuleDescriptor descriptor(Path jarOrDirectory) {
        try {
            if (Files.isDirectory(jarOrDirectory)) {
                try (InputStream in = Files.newInputStream(jarOrDirectory.resolve("module-info.class"))) {
                    return ModuleDescriptor.read(in);
                }
            }
            try (JarFile jar = new JarFile(jarOrDirectory.toFile())) {
                try (InputStream in = jar.getInputStream(jar.getEntry("module-info.class"))) {
                    return ModuleDescriptor.read(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The package of a class name: {@code io.fwcheck.engine.FlowSet} → {@code io.fwcheck.engine}. */
    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** The fwcheck packages ({@code io.fwcheck}, {@code io.fwcheck.model}, …) a class file refers to. */
    static Set<String> fwcheckPackages(byte[] classFile) {
        Set<String> out = new TreeSet<>();
        for (String text : utf8Constants(classFile)) {
            Matcher m = FWCHECK_CLASS.matcher(text);
            while (m.find()) {
                out.add(("io/fwcheck" + m.group(1)).replace('/', '.'));
            }
        }
        return out;
    }

    private static String className(String entry) {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }

    /** The UTF-8 constants of a class file's constant pool (JVMS §4.4). */
    private static Set<String> utf8Constants(byte[] classFile) {
        Set<String> out = new TreeSet<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(in.readUTF());
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++;
                    }
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
