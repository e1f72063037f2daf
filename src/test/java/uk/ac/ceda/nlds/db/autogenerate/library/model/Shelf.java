package uk.ac.ceda.nlds.db.autogenerate.library.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import org.hibernate.annotations.ColumnDefault;

/** Test-only: a shelf, changed since the schema: a note (indexed), a capacity with a default, a unique label. */
@Entity
@Table(name = "shelf", indexes = @Index(name = "ix_shelf_note", columnList = "note"),
        uniqueConstraints = @UniqueConstraint(name = "shelf_label_key", columnNames = "label"))
public class Shelf {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(nullable = false)
    private String label;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    private String note;

    @Column(nullable = false)
    @ColumnDefault("0")
    private long capacity;

    public Integer getId() {
        return id;
    }
}
