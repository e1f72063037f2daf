package uk.ac.ceda.nlds.db.cli;

import java.util.List;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import uk.ac.ceda.nlds.db.config.NldsDatabase;

/** The options every verb shares: which database, and machine-readable output where it applies. */
public final class DatabaseOptions {

    @Option(names = "--db", paramLabel = "catalog|monitor", converter = DatabaseConverter.class,
            description = "Only this database (default: both, catalog first).")
    NldsDatabase only;

    List<NldsDatabase> selected() {
        return only == null ? List.of(NldsDatabase.values()) : List.of(only);
    }

    static final class DatabaseConverter implements ITypeConverter<NldsDatabase> {
        @Override
        public NldsDatabase convert(String value) {
            try {
                return NldsDatabase.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
