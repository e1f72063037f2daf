package uk.ac.ceda.nlds.db.catalog.migration;

import static uk.ac.ceda.nlds.db.migration.schema.ColumnType.VARCHAR;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.StatelessSession;

import uk.ac.ceda.nlds.db.migration.core.MigrationException;
import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionContext;
import uk.ac.ceda.nlds.db.migration.progress.ProgressStep;

/**
 * Alembic ee82dd99bfc0 (2023-07-12): every location gets the scheme and network location of its
 * store. Schema, then data, then NOT NULL: object-store rows get {@code http} and the default
 * tenancy, tape rows {@code root} and the server and base directory of the tape URL.
 */
public class V3__Add_storage_url_fields extends Revision {

    static final String TENANCY_PROPERTY = "nlds.migration.default-tenancy";
    static final String TAPE_URL_PROPERTY = "nlds.migration.default-tape-url";

    /** {@code root://SERVER//BASE/DIR}: the netloc upstream stored is {@code SERVER//BASE/DIR}. */
    private static final Pattern TAPE_URL = Pattern.compile("^root://([^/\\s]+)/(/[^\\s]*[^/\\s][^\\s]*)$");
    private static final int BATCH_IDS = 50_000;

    private static final uk.ac.ceda.nlds.db.migration.schema.Column URL_SCHEME =
            uk.ac.ceda.nlds.db.migration.schema.Column.nullable("url_scheme", VARCHAR);
    private static final uk.ac.ceda.nlds.db.migration.schema.Column URL_NETLOC =
            uk.ac.ceda.nlds.db.migration.schema.Column.nullable("url_netloc", VARCHAR);

    @Override
    public String alembicId() {
        return "ee82dd99bfc0";
    }

    @Override
    protected void upgrade(RevisionContext context) throws Exception {
        context.schema().alterTable("location", location -> location.addColumn(URL_SCHEME).addColumn(URL_NETLOC));
        context.useEntities(List.of(Location.class), session -> fillUrls(context, session));
        context.schema().alterTable("location", location -> location
                .alterColumn(URL_SCHEME, URL_SCHEME.withNullable(false))
                .alterColumn(URL_NETLOC, URL_NETLOC.withNullable(false)));
    }

    @Override
    protected void downgrade(RevisionContext context) throws Exception {
        context.schema().alterTable("location", location -> location.dropColumn(URL_NETLOC).dropColumn(URL_SCHEME));
    }

    /** One grouped count for the checks, then one UPDATE … CASE per id batch for both stores. */
    private void fillUrls(RevisionContext context, StatelessSession session) {
        Map<Storage, Long> rows = new EnumMap<>(Storage.class);
        long untyped = 0;
        for (Object[] group : session.createSelectionQuery(
                "select l.storageType, count(l) from Location l group by l.storageType", Object[].class).getResultList()) {
            if (group[0] == null) {
                untyped = (Long) group[1];
            } else {
                rows.put((Storage) group[0], (Long) group[1]);
            }
        }
        if (untyped > 0) {
            throw new MigrationException(untyped + " location rows have no storage_type, so revision "
                    + label() + " cannot give them a URL; set storage_type on them first");
        }
        long objectRows = rows.getOrDefault(Storage.OBJECT_STORAGE, 0L);
        long tapeRows = rows.getOrDefault(Storage.TAPE, 0L);
        String tenancy = requiredSetting(context, TENANCY_PROPERTY, objectRows, "OBJECT_STORAGE",
                "the object store's tenancy host, for example nlds-tenancy.example.org");
        String tapeUrl = requiredSetting(context, TAPE_URL_PROPERTY, tapeRows, "TAPE",
                "the tape URL, for example root://tape.example.org//eos/nlds");
        String tapeNetloc = tapeUrl == null ? null : tapeNetloc(tapeUrl);
        if (objectRows + tapeRows == 0) {
            return;
        }
        Object[] range = session.createSelectionQuery("select min(l.id), max(l.id) from Location l", Object[].class)
                .getSingleResult();
        int minId = (Integer) range[0];
        int maxId = (Integer) range[1];
        try (ProgressStep step = context.progress().step("fill location URLs", objectRows + tapeRows)) {
            for (int low = minId; low <= maxId; low += BATCH_IDS) {
                int high = Math.min(maxId, low + BATCH_IDS - 1);
                step.advance(session.createMutationQuery("update Location l"
                        + " set l.urlScheme = case when l.storageType = TAPE then 'root' else 'http' end,"
                        + " l.urlNetloc = case when l.storageType = TAPE then :tape else :tenancy end"
                        + " where l.id between :low and :high")
                        .setParameter("tape", tapeNetloc, String.class).setParameter("tenancy", tenancy, String.class)
                        .setParameter("low", low).setParameter("high", high).executeUpdate());
            }
        }
    }

    private String requiredSetting(RevisionContext context, String property, long rows, String storage, String what) {
        String value = context.setting(property);
        if (value == null && rows > 0) {
            throw new MigrationException(property + " is not set, but " + rows + " " + storage
                    + " locations need it for revision " + label() + ": set it to " + what);
        }
        return value;
    }

    static String tapeNetloc(String tapeUrl) {
        Matcher m = TAPE_URL.matcher(tapeUrl);
        if (!m.matches()) {
            throw new MigrationException(TAPE_URL_PROPERTY + " '" + tapeUrl
                    + "' is malformed: expected root://SERVER//BASE/DIR, for example root://tape.example.org//eos/nlds");
        }
        return m.group(1) + "/" + m.group(2);
    }

    enum Storage {
        OBJECT_STORAGE, TAPE
    }

    /** The location table as it is during this revision. */
    @Entity(name = "Location")
    @Table(name = "location")
    static class Location {
        @Id
        Integer id;

        @Enumerated(EnumType.STRING)
        @Column(name = "storage_type")
        Storage storageType;

        @Column(name = "url_scheme")
        String urlScheme;

        @Column(name = "url_netloc")
        String urlNetloc;
    }
}
