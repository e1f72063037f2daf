package uk.ac.ceda.nlds.db.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A key-value label on a holding. */
@Entity
@Table(name = "tag", uniqueConstraints = @UniqueConstraint(name = "tag_key_holding_id_key", columnNames = {"key", "holding_id"}),
        indexes = @Index(name = "ix_tag_holding_id", columnList = "holding_id"))
public class Tag {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(name = "key")
    private String key;

    @Column(name = "value")
    private String value;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "holding_id", nullable = false, foreignKey = @ForeignKey(name = "tag_holding_id_fkey"))
    private Holding holding;

    protected Tag() {
    }

    public Tag(String key, String value, Holding holding) {
        this.key = key;
        this.value = value;
        this.holding = holding;
    }

    public Integer getId() {
        return id;
    }

    public String getKey() {
        return key;
    }

    public String getValue() {
        return value;
    }

    public Holding getHolding() {
        return holding;
    }
}
