package uk.ac.ceda.nlds.db.migration.dialect;

import java.util.Locale;

/**
 * What one statement {@link PostgresDialect} writes does to the table it names: the lock it takes
 * (held until the revision's transaction ends) and the work it does, after PostgreSQL's
 * documentation of ALTER TABLE, CREATE INDEX and the lock modes (catalogue-only ADD COLUMN with a
 * constant default since PostgreSQL 11; SET NOT NULL scans; ALTER … TYPE … USING rewrites the
 * table and rebuilds its indexes).
 */
public record PostgresStatementEffect(String lock, Work work) {

    /** The kind of work, which decides what the statement's time scales with. */
    public enum Work {
        /** Changes the catalogue only: a moment, whatever the table's size. */
        CATALOG("catalogue only"),
        /** Reads every row to check it, writes none. */
        SCAN("scans every row"),
        /** Builds an index: reads and sorts every row. */
        INDEX_BUILD("builds an index over every row"),
        /** Writes the whole table anew, and its indexes. */
        REWRITE("rewrites the table and its indexes");

        private final String words;

        Work(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public static final String ACCESS_EXCLUSIVE = "ACCESS EXCLUSIVE";

    public static PostgresStatementEffect of(String sql) {
        String s = sql.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith("CREATE TABLE")) {
            return new PostgresStatementEffect(s.contains(" REFERENCES ")
                    ? "new table; SHARE ROW EXCLUSIVE on the tables it references" : "new table", Work.CATALOG);
        }
        if (s.startsWith("CREATE TYPE") || s.startsWith("DROP TYPE") || s.startsWith("ALTER TYPE")) {
            return new PostgresStatementEffect("the type only", Work.CATALOG);
        }
        if (s.startsWith("CREATE INDEX") || s.startsWith("CREATE UNIQUE INDEX")) {
            return new PostgresStatementEffect("SHARE", Work.INDEX_BUILD);
        }
        if (s.contains(" TYPE ") && s.contains(" USING ")) {
            return new PostgresStatementEffect(ACCESS_EXCLUSIVE, Work.REWRITE);
        }
        if (s.contains(" ADD COLUMN ") && s.contains(" SERIAL")) {
            return new PostgresStatementEffect(ACCESS_EXCLUSIVE, Work.REWRITE); // a volatile default fills every row
        }
        if (s.endsWith(" SET NOT NULL")) {
            return new PostgresStatementEffect(ACCESS_EXCLUSIVE, Work.SCAN);
        }
        if (s.contains(" ADD CONSTRAINT ") && s.contains(" FOREIGN KEY ")) {
            return new PostgresStatementEffect("SHARE ROW EXCLUSIVE (and on the referenced table)", Work.SCAN);
        }
        if (s.contains(" ADD CONSTRAINT ") && (s.contains(" UNIQUE ") || s.contains(" PRIMARY KEY "))) {
            return new PostgresStatementEffect(ACCESS_EXCLUSIVE, Work.INDEX_BUILD);
        }
        return new PostgresStatementEffect(ACCESS_EXCLUSIVE, Work.CATALOG);
    }
}
