package uk.ac.ceda.nlds.db.migration.model;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.Entity;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Selectable;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import uk.ac.ceda.nlds.db.migration.HibernateSettings;
import uk.ac.ceda.nlds.db.migration.core.Backend;
import uk.ac.ceda.nlds.db.migration.schema.Column;
import uk.ac.ceda.nlds.db.migration.schema.ColumnType;
import uk.ac.ceda.nlds.db.migration.schema.DatabaseSchema;
import uk.ac.ceda.nlds.db.migration.schema.ForeignKey;
import uk.ac.ceda.nlds.db.migration.schema.Index;
import uk.ac.ceda.nlds.db.migration.schema.Table;
import uk.ac.ceda.nlds.db.migration.schema.UniqueConstraint;

/**
 * The schema an entity model expects, read from Hibernate's boot metadata (no database needed)
 * into the project's schema model. Enum-typed columns are named as SQLAlchemy named them: the
 * enum class's simple name in lower case.
 */
public final class EntityModel {

    /** Per backend and entity package: the same for the life of the process, so built at most once. */
    private static final Map<String, DatabaseSchema> MODELS = new ConcurrentHashMap<>();

    private EntityModel() {
    }

    /**
     * The schema the entities in {@code pkg} expect on {@code backend}: the one a persistence unit
     * over that package already recorded ({@link #recorder}), else the build's ({@link
     * EntityModelIndex}) when the classes are the ones it read, else read once from the classes.
     */
    public static DatabaseSchema of(Backend backend, String pkg) {
        return MODELS.computeIfAbsent(key(backend, pkg), key -> {
            List<Class<?>> entities = entitiesIn(pkg);
            return EntityModelIndex.lookup(backend, pkg, entities).orElseGet(() -> read(backend, entities));
        });
    }

    /**
     * An integrator for a persistence unit over {@code pkg} that records the unit's boot metadata
     * as the package's model, so the schema check does not build the same metadata again.
     */
    public static Integrator recorder(Backend backend, String pkg) {
        return new Integrator() {
            @Override
            public void integrate(Metadata metadata, BootstrapContext context, SessionFactoryImplementor factory) {
                MODELS.putIfAbsent(key(backend, pkg), schema(backend, metadata));
            }
        };
    }

    private static String key(Backend backend, String pkg) {
        return backend + " " + pkg;
    }

    /**
     * The {@code @Entity} classes directly in {@code pkg} and below, found through the class loader
     * that loaded this project, never the calling thread's context loader: on Java 19 and later a
     * common-pool thread's context loader is the system loader, which cannot see the classes inside
     * Spring Boot's nested jar, so a scan from such a thread found no entity at all.
     */
    public static List<Class<?>> entitiesIn(String pkg) {
        ClassLoader loader = EntityModel.class.getClassLoader();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.setResourceLoader(new DefaultResourceLoader(loader));
        scanner.addIncludeFilter(new AnnotationTypeFilter(Entity.class));
        List<Class<?>> entities = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
            try {
                entities.add(Class.forName(candidate.getBeanClassName(), false, loader));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        if (entities.isEmpty()) {
            throw new IllegalStateException("no @Entity class found in package " + pkg + " through " + loader
                    + ": the build is incomplete or the entity package is misnamed");
        }
        return entities;
    }

    public static DatabaseSchema read(Backend backend, List<Class<?>> entities) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySettings(HibernateSettings.forBackend(backend)).build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            return schema(backend, sources.buildMetadata());
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    private static DatabaseSchema schema(Backend backend, Metadata metadata) {
        Map<String, Table> tables = new LinkedHashMap<>();
        Map<String, ColumnType.Enum> enums = new LinkedHashMap<>();
        for (org.hibernate.mapping.Table table : metadata.collectTableMappings()) {
            Table converted = table(metadata, table);
            tables.put(converted.name(), converted);
            converted.columns().stream().filter(c -> c.type() instanceof ColumnType.Enum)
                    .forEach(c -> enums.put(((ColumnType.Enum) c.type()).name(), (ColumnType.Enum) c.type()));
        }
        return new DatabaseSchema(tables, backend == Backend.POSTGRESQL ? enums : Map.of());
    }

    private static Table table(Metadata metadata, org.hibernate.mapping.Table table) {
        List<String> primaryKey = table.getPrimaryKey() == null ? List.of()
                : table.getPrimaryKey().getColumns().stream().map(org.hibernate.mapping.Column::getName).toList();
        List<Column> columns = new ArrayList<>();
        for (org.hibernate.mapping.Column column : table.getColumns()) {
            boolean id = primaryKey.size() == 1 && primaryKey.get(0).equals(column.getName());
            columns.add(new Column(column.getName(), type(metadata, column), column.isNullable() && !id,
                    parseDefault(column.getDefaultValue()), id && type(metadata, column).equals(ColumnType.INTEGER)));
        }
        List<UniqueConstraint> uniques = new ArrayList<>();
        table.getUniqueKeys().values().forEach(u -> uniques.add(new UniqueConstraint(u.getName(),
                u.getColumns().stream().map(org.hibernate.mapping.Column::getName).toList())));
        List<ForeignKey> foreignKeys = new ArrayList<>();
        table.getForeignKeyCollection().forEach(fk -> foreignKeys.add(new ForeignKey(fk.getName(),
                fk.getColumns().stream().map(org.hibernate.mapping.Column::getName).toList(),
                fk.getReferencedTable().getName(), fk.getReferencedColumns().isEmpty()
                        ? fk.getReferencedTable().getPrimaryKey().getColumns().stream()
                                .map(org.hibernate.mapping.Column::getName).toList()
                        : fk.getReferencedColumns().stream().map(org.hibernate.mapping.Column::getName).toList())));
        List<Index> indexes = new ArrayList<>();
        table.getIndexes().values().forEach(i -> indexes.add(new Index(i.getName(), table.getName(),
                i.getSelectables().stream().map(Selectable::getText).toList(), false)));
        return new Table(table.getName(), columns, table.getName() + "_pkey", primaryKey, uniques, foreignKeys, indexes);
    }

    private static ColumnType type(Metadata metadata, org.hibernate.mapping.Column column) {
        if (column.getValue() instanceof BasicValue basic) {
            Class<?> javaType = basic.resolve().getDomainJavaType().getJavaTypeClass();
            if (javaType.isEnum()) {
                List<String> labels = Arrays.stream(javaType.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
                return new ColumnType.Enum(javaType.getSimpleName().toLowerCase(Locale.ROOT), labels);
            }
        }
        int code = column.getSqlTypeCode(metadata);
        return switch (code) {
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> ColumnType.INTEGER;
            case Types.BIGINT -> ColumnType.BIGINT;
            case Types.BOOLEAN, Types.BIT -> ColumnType.BOOLEAN;
            case Types.TIMESTAMP -> ColumnType.TIMESTAMP;
            case Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.CHAR -> ColumnType.VARCHAR;
            default -> new ColumnType.Raw(column.getSqlType(metadata));
        };
    }

    private static Object parseDefault(String sql) {
        if (sql == null) {
            return null;
        }
        String value = sql.trim();
        if (value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1).replace("''", "'");
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value.toLowerCase(Locale.ROOT));
        }
        return value.matches("-?\\d+") ? (Object) Long.valueOf(value) : value;
    }
}
