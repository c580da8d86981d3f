package dev.rca.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Damages a well-formed ledger the ways files get damaged in the middle of an incident: truncation, flipped
 * bytes, NUL bytes, invalid UTF-8, a byte-order mark, broken indentation, thousands of nested brackets, alias
 * bombs, huge scalars, a wrong schema version, a top-level list, an empty file, stray YAML tags, duplicate keys
 * and hand-edit typos. Seeded, so every run produces the same ledgers.
 */
final class LedgerMangler {
    /** What one mangling did, for the failure message. */
    record Mangled(String description, byte[] bytes) {
    }

    private static final String NOISE = ":{}[],-#&*!|>'\"\n\t ?%@`0.S1H";
    private static final String[] TAGS = {"!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://localhost/\"]]]]",
        "!!java.io.File \"/etc/passwd\"", "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]", "!mine x", "!<tag:x> y",
        "!!python/object:os.system [\"true\"]", "!!str 1", "!!int \"7\""};

    private final Random random;
    private final byte[] base;
    private final String baseText;
    private int hugeLeft;

    /**
     * @param seed  the random seed
     * @param base  the well-formed ledger
     * @param huge  how many ledgers may carry a 20 MB or 9 MB scalar (each costs a large write per command)
     */
    LedgerMangler(long seed, String base, int huge) {
        this.random = new Random(seed);
        this.baseText = base;
        this.base = base.getBytes(StandardCharsets.UTF_8);
        this.hugeLeft = huge;
    }

    /** The next damaged ledger: one to three kinds of damage on top of each other. */
    Mangled next() {
        byte[] bytes = base;
        List<String> done = new ArrayList<>();
        int rounds = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
        for (int i = 0; i < rounds; i++) {
            int kind = random.nextInt(20);
            bytes = apply(kind, bytes, done);
        }
        return new Mangled(String.join(" + ", done), bytes);
    }

    private byte[] apply(int kind, byte[] bytes, List<String> done) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        switch (kind) {
            case 0 -> {
                int at = random.nextInt(bytes.length + 1);
                done.add("truncated at " + at);
                return Arrays.copyOf(bytes, at);
            }
            case 1 -> {
                byte[] copy = bytes.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips && copy.length > 0; f++) {
                    copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                }
                done.add(flips + " flipped bits");
                return copy;
            }
            case 2 -> {
                done.add("NUL bytes");
                return insert(bytes, random.nextInt(bytes.length + 1), new byte[random.nextInt(3) + 1]);
            }
            case 3 -> {
                byte[][] invalid = {{(byte) 0xff}, {(byte) 0xc3, 0x28}, {(byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}};
                done.add("invalid UTF-8");
                return insert(bytes, random.nextInt(bytes.length + 1), invalid[random.nextInt(invalid.length)]);
            }
            case 4 -> {
                done.add("byte-order mark");
                return insert(bytes, 0, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
            }
            case 5 -> {
                done.add("broken indentation");
                return utf8(breakIndentation(text));
            }
            case 6 -> {
                int depth = 1000 + random.nextInt(9000);
                String open = random.nextBoolean() ? "[" : "{";
                String close = open.equals("[") ? "]" : "}";
                boolean balanced = random.nextBoolean();
                done.add(depth + " nested " + open + (balanced ? "" : " unbalanced"));
                return utf8(text + "notes: " + open.repeat(depth) + (balanced ? close.repeat(depth) : "") + "\n");
            }
            case 7 -> {
                done.add("alias bomb");
                StringBuilder bomb = new StringBuilder("lol0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
                for (int level = 1; level < 9; level++) {
                    bomb.append("lol").append(level).append(": &a").append(level).append(" [");
                    for (int k = 0; k < 9; k++) {
                        bomb.append(k == 0 ? "" : ",").append("*a").append(level - 1);
                    }
                    bomb.append("]\n");
                }
                return utf8(random.nextBoolean() ? text + bomb : insertAtLineStart(text, bomb.toString()));
            }
            case 8 -> {
                if (hugeLeft > 0) {
                    hugeLeft--;
                    // 20 MB is over the file limit; 9 MB is under it, where a long line once took minutes to parse
                    int megabytes = hugeLeft % 2 == 0 ? 20 : 9;
                    done.add(megabytes + " MB scalar");
                    byte[] huge = new byte[megabytes * 1024 * 1024];
                    Arrays.fill(huge, (byte) 'x');
                    ByteArrayOutputStream out = new ByteArrayOutputStream(huge.length + bytes.length + 32);
                    out.writeBytes(bytes);
                    out.writeBytes(utf8("\nnotes: \""));
                    out.writeBytes(huge);
                    out.writeBytes(utf8("\"\n"));
                    return out.toByteArray();
                }
                done.add("2 MB scalar");
                return utf8(text + "notes: " + "y".repeat(2 * 1024 * 1024) + "\n");
            }
            case 9 -> {
                String[] versions = {"2", "0", "\"1\"", "1.0", "[1]", "{v: 1}", "", "one", "-1", "99999999999999999999"};
                String version = versions[random.nextInt(versions.length)];
                done.add("schema version '" + version + "'");
                return utf8(text.replaceFirst("(?m)^rca: 1$", "rca: " + version));
            }
            case 10 -> {
                done.add("top-level list");
                return utf8(random.nextBoolean() ? "- " + text.replace("\n", "\n  ") : "- item\n" + text);
            }
            case 11 -> {
                String[] empties = {"", "\n", "   \n\t\n", "# only a comment\n", "---\n", "...\n", "~\n", "null\n", "[]\n", "{}\n"};
                String empty = empties[random.nextInt(empties.length)];
                done.add("empty '" + empty.strip() + "'");
                return utf8(empty);
            }
            case 12 -> {
                String tag = TAGS[random.nextInt(TAGS.length)];
                done.add("tag " + tag.substring(0, Math.min(20, tag.length())));
                return utf8(replaceValue(text, tag));
            }
            case 13 -> {
                done.add("duplicate key");
                List<String> lines = new ArrayList<>(text.lines().toList());
                if (lines.isEmpty()) {
                    return bytes;
                }
                int at = random.nextInt(lines.size());
                lines.add(at, lines.get(random.nextInt(lines.size())));
                return utf8(String.join("\n", lines) + "\n");
            }
            case 14 -> {
                done.add("CRLF line ends");
                return utf8(text.replace("\n", random.nextBoolean() ? "\r\n" : "\r"));
            }
            case 15 -> {
                done.add("swapped lines");
                List<String> lines = new ArrayList<>(text.lines().toList());
                if (lines.size() < 2) {
                    return bytes;
                }
                int a = random.nextInt(lines.size());
                int b = random.nextInt(lines.size());
                String tmp = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, tmp);
                return utf8(String.join("\n", lines) + "\n");
            }
            case 16 -> {
                String[] odd = {"\u2028", "\u0085", "\ud83d\ude80", "\u202e", "\u00a0", "\t", "\\", "\"", "'", "%", "@", "`",
                    "\ufffd", "\ufeff", "\u0007", "\u001b[31m", "${HOME}", "$(rm -rf /)", "<<: *a", "? ", "!!", "&x ", "*x "};
                String piece = odd[random.nextInt(odd.length)];
                done.add("odd characters " + piece.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList());
                StringBuilder b = new StringBuilder(text);
                b.insert(random.nextInt(b.length() + 1), piece);
                return utf8(b.toString());
            }
            case 17 -> {
                done.add("wrong types");
                String[] keys = {"symptoms", "hypotheses", "experiments", "evidence", "fix", "repro", "validation", "root_cause",
                    "bisect", "status", "ticket", "title", "action_items", "timeline"};
                String[] values = {"lots", "[]", "{}", "42", "true", "null", "[[1]]", "{a: [b]}", "no", "2026-11-20", ".inf"};
                String key = keys[random.nextInt(keys.length)];
                String value = values[random.nextInt(values.length)];
                return utf8(text.replaceFirst("(?m)^" + key + ":.*$", key + ": " + value));
            }
            case 18 -> {
                done.add("removed line");
                List<String> lines = new ArrayList<>(text.lines().toList());
                if (!lines.isEmpty()) {
                    lines.remove(random.nextInt(lines.size()));
                }
                return utf8(String.join("\n", lines) + "\n");
            }
            default -> {
                StringBuilder b = new StringBuilder(text);
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits && b.length() > 0; e++) {
                    int at = random.nextInt(b.length());
                    switch (random.nextInt(3)) {
                        case 0 -> b.deleteCharAt(at);
                        case 1 -> b.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                        default -> b.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                    }
                }
                done.add(edits + " typos");
                return utf8(b.toString());
            }
        }
    }

    private String breakIndentation(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (lines.isEmpty()) {
            return text;
        }
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            lines.set(at, switch (random.nextInt(4)) {
                case 0 -> " " + line;
                case 1 -> line.stripLeading();
                case 2 -> "\t" + line;
                default -> "      " + line;
            });
        }
        return String.join("\n", lines) + "\n";
    }

    private String replaceValue(String text, String value) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        for (int tries = 0; tries < 20 && !lines.isEmpty(); tries++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            int colon = line.indexOf(": ");
            if (colon > 0 && !line.contains("{")) {
                lines.set(at, line.substring(0, colon + 2) + value);
                return String.join("\n", lines) + "\n";
            }
        }
        return text + "extra: " + value + "\n";
    }

    private String insertAtLineStart(String text, String block) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        lines.add(random.nextInt(lines.size() + 1), block.stripTrailing());
        return String.join("\n", lines) + "\n";
    }

    private static byte[] insert(byte[] bytes, int at, byte[] piece) {
        byte[] out = new byte[bytes.length + piece.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(bytes, at, out, at + piece.length, bytes.length - at);
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The ledger before damage. */
    String baseText() {
        return baseText;
    }
}
