package uk.ac.ceda.nlds.db.startup;

import java.util.regex.Pattern;

/** A {@code --some.property=value} command-line argument: a Spring property, passed on to the configuration. */
public final class SpringPropertyArgument {

    private static final Pattern PATTERN = Pattern.compile("--[a-zA-Z][\\w-]*(\\.[\\w\\[\\]-]+)+=.*");

    private SpringPropertyArgument() {
    }

    public static boolean matches(String argument) {
        return PATTERN.matcher(argument).matches();
    }
}
