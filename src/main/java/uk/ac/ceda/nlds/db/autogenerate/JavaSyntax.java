package uk.ac.ceda.nlds.db.autogenerate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import uk.ac.ceda.nlds.db.migration.core.InvalidInputException;

/** Java literals and names for generated source. */
final class JavaSyntax {

    private JavaSyntax() {
    }

    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String strings(List<String> values) {
        return values.stream().map(JavaSyntax::string).collect(Collectors.joining(", "));
    }

    static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return string(s);
        }
        if (value instanceof Long l) {
            return l + "L";
        }
        return value.toString();
    }

    /**
     * {@code code} split after each {@code ", "} that is not inside a string literal: the places a
     * long line of generated code may break without changing a literal.
     */
    static List<String> splitAtCommas(String code) {
        List<String> parts = new ArrayList<>();
        boolean inString = false;
        int start = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (inString && c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (!inString && code.startsWith(", ", i)) {
                parts.add(code.substring(start, i));
                start = i + 2;
                i++;
            }
        }
        parts.add(code.substring(start));
        return parts;
    }

    /** {@code sub_record} → {@code SUB_RECORD}, {@code pathtype} → {@code PATHTYPE}. */
    static String constant(String name) {
        return name.replaceAll("[^A-Za-z0-9]+", "_").toUpperCase(Locale.ROOT);
    }

    /** {@code add quota table} → {@code Add_quota_table}: a description as Flyway reads it from a class name. */
    static String description(String message) {
        String words = message.trim().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (words.isEmpty() || !Character.isLetter(words.charAt(0))) {
            throw new InvalidInputException("the message '" + message + "' must start with a letter, as the"
                    + " revision's class name is made from it");
        }
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
