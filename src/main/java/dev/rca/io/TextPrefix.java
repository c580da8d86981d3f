package dev.rca.io;

/** Cutting text to a length for display without splitting a character outside the BMP. */
public final class TextPrefix {
    private TextPrefix() {
    }

    /**
     * The first {@code length} chars of {@code text}, one fewer when the last would be the first half of a
     * surrogate pair; all of it when it is no longer.
     */
    public static String upTo(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int end = length > 0 && Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }
}
