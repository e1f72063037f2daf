package uk.ac.ceda.nlds.db.migration.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import uk.ac.ceda.nlds.db.migration.schema.Column;

/** One schema operation in plain words, for people reading a plan. */
public final class SchemaOpWords {

    private SchemaOpWords() {
    }

    public static String describe(SchemaOp op) {
        return switch (op) {
            case SchemaOp.CreateTable create -> "create table " + create.table();
            case SchemaOp.DropTable drop -> "drop table " + drop.table();
            case SchemaOp.AddColumn add -> "add column " + add.column().name() + " " + add.column().type()
                    + (add.column().nullable() ? " (nullable)" : " NOT NULL")
                    + (add.column().defaultValue() == null ? "" : " default " + add.column().defaultValue());
            case SchemaOp.DropColumn drop -> "drop column " + drop.column().name();
            case SchemaOp.AlterColumn alter -> "alter column " + alter.from().name() + ": " + changes(alter.from(), alter.to());
            case SchemaOp.CreateIndex create -> "create index " + create.index().name() + " " + create.index().columns();
            case SchemaOp.DropIndex drop -> "drop index " + drop.index().name();
            case SchemaOp.AddUnique add -> "add unique constraint " + add.constraint().name() + " "
                    + add.constraint().columns();
            case SchemaOp.DropUnique drop -> "drop unique constraint " + drop.constraint().name();
            case SchemaOp.AddForeignKey add -> "add foreign key " + add.foreignKey().name() + " to "
                    + add.foreignKey().referencedTable();
            case SchemaOp.DropForeignKey drop -> "drop foreign key " + drop.foreignKey().name();
            case SchemaOp.CreateEnum create -> "create enum type " + create.type().name();
            case SchemaOp.DropEnum drop -> "drop enum type " + drop.type().name();
            case SchemaOp.RenameEnum rename -> "rename enum type " + rename.from() + " to " + rename.to();
            case SchemaOp.ConvertEnumColumn convert -> "convert " + convert.from().name() + " to the "
                    + convert.toType().labels().size() + " labels of " + convert.toType().name() + " (every row mapped)";
        };
    }

    private static String changes(Column from, Column to) {
        List<String> changes = new ArrayList<>();
        if (!from.name().equals(to.name())) {
            changes.add("rename to " + to.name());
        }
        if (!from.type().equals(to.type())) {
            changes.add("type " + from.type() + " to " + to.type());
        }
        if (from.nullable() != to.nullable()) {
            changes.add(to.nullable() ? "drop NOT NULL" : "set NOT NULL");
        }
        if (!Objects.equals(from.defaultValue(), to.defaultValue())) {
            changes.add(to.defaultValue() == null ? "drop default" : "default " + to.defaultValue());
        }
        return changes.isEmpty() ? "no change" : String.join(", ", changes);
    }
}
