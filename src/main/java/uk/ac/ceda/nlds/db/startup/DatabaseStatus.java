package uk.ac.ceda.nlds.db.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

import uk.ac.ceda.nlds.db.config.ManagedDatabase;
import uk.ac.ceda.nlds.db.migration.HistoryChecksums;
import uk.ac.ceda.nlds.db.migration.Revision;
import uk.ac.ceda.nlds.db.migration.RevisionCatalogue;
import uk.ac.ceda.nlds.db.migration.adopt.AlembicAdoption;

/**
 * Where one database stands, read without changing anything: its revision, where that revision
 * is recorded, its history as Flyway sees it, and what disagrees with this build.
 */
public record DatabaseStatus(String database, String backend, String url, int version, int head, Origin origin,
        List<Entry> history, List<String> problems) {

    /** Where the revision was read from. */
    public enum Origin {
        /** Flyway's history table. */
        FLYWAY,
        /** {@code alembic_version} only: adopted at the next upgrade. */
        ALEMBIC,
        /** Nothing yet: an empty database. */
        EMPTY,
        /** Tables but no history of either kind: identified by its schema at the next upgrade, or stamped. */
        UNVERSIONED,
        /** A SQLite file that does not exist: read without creating it; a migration creates it. */
        MISSING
    }

    /** One revision in the history: applied (with when, how long and by whom) or pending. */
    public record Entry(int version, String alembicId, String description, String state, Instant installedOn,
            Integer executionMillis, String installedBy) {

        public boolean pending() {
            return state.equals(MigrationState.PENDING.getDisplayName());
        }
    }

    public static DatabaseStatus read(ManagedDatabase database) {
        RevisionCatalogue revisions = database.revisions();
        Optional<Path> missing = database.target().sqliteFile().filter(file -> !Files.exists(file));
        if (missing.isPresent()) { // connecting would create it
            return withoutHistory(database, 0, Origin.MISSING, List.of("no database file at " + missing.get()
                    + ": upgrade, --migrate-only or the service creates it"));
        }
        if (!AlembicAdoption.unversionedTables(database.id(), database.migrationDataSource(), database.flyway()).isEmpty()) {
            return withoutHistory(database, 0, Origin.UNVERSIONED, List.of());
        }
        Optional<Revision> alembic = AlembicAdoption.detect(database.id(), database.migrationDataSource(),
                database.flyway(), revisions);
        if (alembic.isPresent()) {
            return withoutHistory(database, Integer.parseInt(alembic.get().getVersion().getVersion()), Origin.ALEMBIC,
                    List.of());
        }
        List<Entry> history = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int version = 0;
        for (MigrationInfo info : database.flyway().info().all()) {
            if (info.getVersion() == null || info.getState() == MigrationState.BASELINE_IGNORED) {
                continue; // the revision a baseline stands for: the baseline row shows it once
            }
            int v = Integer.parseInt(info.getVersion().getVersion());
            String alembicId = v <= revisions.headVersion() ? revisions.at(v).alembicId() : "";
            history.add(new Entry(v, alembicId, info.getDescription(), info.getState().getDisplayName(),
                    info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant(), info.getExecutionTime(),
                    info.getInstalledBy()));
            if (info.getState().isApplied() && !info.getState().isFailed()) {
                version = Math.max(version, v);
            }
            problem(info, revisions, v).ifPresent(problems::add);
        }
        return new DatabaseStatus(database.id(), database.target().backend().name(), database.target().maskedUrl(),
                version, revisions.headVersion(), version == 0 && history.stream().allMatch(Entry::pending)
                        ? Origin.EMPTY : Origin.FLYWAY, List.copyOf(history), List.copyOf(problems));
    }

    private static DatabaseStatus withoutHistory(ManagedDatabase database, int version, Origin origin,
            List<String> problems) {
        RevisionCatalogue revisions = database.revisions();
        List<Entry> history = new ArrayList<>();
        for (Revision revision : revisions.revisions()) {
            int v = Integer.parseInt(revision.getVersion().getVersion());
            history.add(new Entry(v, revision.alembicId(), revision.getDescription(),
                    v <= version ? "Alembic" : MigrationState.PENDING.getDisplayName(), null, null, null));
        }
        return new DatabaseStatus(database.id(), database.target().backend().name(), database.target().maskedUrl(),
                version, revisions.headVersion(), origin, List.copyOf(history), problems);
    }

    /** What in one history row stops this build from trusting the database. */
    private static Optional<String> problem(MigrationInfo info, RevisionCatalogue revisions, int version) {
        String name = "V" + info.getVersion().getVersion() + " (" + info.getDescription() + ")";
        MigrationState state = info.getState();
        if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
            return Optional.of(name + " is applied but this build knows only V1 to V" + revisions.headVersion()
                    + ": run a newer nlds-db");
        }
        if (state.isFailed()) {
            return Optional.of(name + " failed part-way and is recorded as failed: restore the database, then remove the"
                    + " row with repair --yes");
        }
        // a legacy checksum of this very source is the same revision: the next upgrade or repair rewrites it
        if (info.isApplied() && info.getResolvedChecksum() != null && !info.isChecksumMatching()
                && state != MigrationState.BASELINE
                && !HistoryChecksums.matches(info.getAppliedChecksum(), revisions.at(version))) {
            return Optional.of(name + " was changed after it was applied (checksum " + info.getAppliedChecksum()
                    + " in the database, " + info.getResolvedChecksum() + " in this build)");
        }
        return Optional.empty();
    }

    /** The Alembic id of the current revision; empty at V0. */
    public String alembicId() {
        return history.stream().filter(e -> e.version() == version).map(Entry::alembicId).findFirst().orElse("");
    }

    public boolean atHead() {
        return version == head;
    }

    public String label() {
        if (origin == Origin.UNVERSIONED) {
            return "unversioned (tables without history)";
        }
        return version == 0 ? "V0 (empty)" : history.stream().filter(e -> e.version() == version).findFirst()
                .map(e -> "V" + version + " (" + e.alembicId() + ")").orElse("V" + version);
    }

    public int pendingCount() {
        return (int) history.stream().filter(Entry::pending).count();
    }
}
