package uk.ac.ceda.nlds.db.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The tokens of a Java source file with everything a formatter may change taken out: comments,
 * whitespace and line breaks between tokens, the order of the imports and the indentation of text
 * blocks. String, character and text-block literals are kept as tokens whole, so a space or a
 * {@code //} inside a literal is never mistaken for layout. Imports are kept (sorted, once each):
 * importing another class of the same name changes what a revision does.
 *
 * <p>A small hand-written lexer rather than the JDK's compiler API, which a JRE (the container
 * image) does not have. It needs only to split where javac would split; it does not check syntax.
 */
final class JavaTokens {

    /** Operators and separators, longest first, so {@code >>>=} is one token and not four. */
    private static final List<String> OPERATORS = List.of(">>>=", "<<=", ">>=", ">>>", "...", "->", "::", "++", "--",
            "&&", "||", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "&=", "|=", "^=", "%=", "<<", ">>");

    private final String source;
    private int position;

    private JavaTokens(String source) {
        this.source = source;
    }

    /** The normalised tokens: imports sorted first, then the rest in source order. */
    static List<String> of(String source) {
        List<String> tokens = new JavaTokens(source).all();
        TreeSet<String> imports = new TreeSet<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).equals("import")) {
                int end = i;
                while (end < tokens.size() - 1 && !tokens.get(end).equals(";")) {
                    end++;
                }
                imports.add(String.join(" ", tokens.subList(i, end + 1)));
                i = end;
            } else {
                rest.add(tokens.get(i));
            }
        }
        List<String> normalised = new ArrayList<>(imports);
        normalised.addAll(rest);
        return normalised;
    }

    private List<String> all() {
        List<String> tokens = new ArrayList<>();
        while (true) {
            skipLayout();
            if (position >= source.length()) {
                return tokens;
            }
            tokens.add(next());
        }
    }

    /** Whitespace and comments. */
    private void skipLayout() {
        while (position < source.length()) {
            char c = source.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            } else if (source.startsWith("//", position)) {
                int end = source.indexOf('\n', position);
                position = end < 0 ? source.length() : end + 1;
            } else if (source.startsWith("/*", position)) {
                int end = source.indexOf("*/", position + 2);
                position = end < 0 ? source.length() : end + 2;
            } else {
                return;
            }
        }
    }

    private String next() {
        int start = position;
        char c = source.charAt(position);
        if (source.startsWith("\"\"\"", position)) {
            return textBlock();
        }
        if (c == '"' || c == '\'') {
            position++;
            while (position < source.length() && source.charAt(position) != c) {
                position += source.charAt(position) == '\\' ? 2 : 1;
            }
            position = Math.min(position + 1, source.length());
            return source.substring(start, position);
        }
        if (Character.isJavaIdentifierStart(c) || Character.isDigit(c)) {
            // identifiers, keywords and numbers (with their suffixes, underscores, dots and exponents)
            boolean number = Character.isDigit(c);
            boolean hex = number && source.regionMatches(true, position, "0x", 0, 2);
            while (position < source.length()) {
                char d = source.charAt(position);
                boolean exponentSign = number && (d == '+' || d == '-')
                        && (hex ? "pP" : "eE").indexOf(source.charAt(position - 1)) >= 0;
                if (!Character.isJavaIdentifierPart(d) && !(number && d == '.') && !exponentSign) {
                    break;
                }
                position++;
            }
            return source.substring(start, position);
        }
        for (String operator : OPERATORS) {
            if (source.startsWith(operator, position)) {
                position += operator.length();
                return operator;
            }
        }
        position++;
        return String.valueOf(c);
    }

    /** A text block, as the compiler sees its content: incidental indentation and trailing blanks removed. */
    private String textBlock() {
        int contentStart = position + 3;
        int end = contentStart;
        while (end < source.length() && !source.startsWith("\"\"\"", end)) {
            end += source.charAt(end) == '\\' ? 2 : 1;
        }
        position = Math.min(end + 3, source.length());
        String content = source.substring(contentStart, Math.min(end, source.length()));
        return "\"\"\"" + content.stripIndent() + "\"\"\"";
    }
}
