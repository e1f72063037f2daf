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

/** A checksum of a file by one algorithm. */
@Entity
@Table(name = "checksum",
        uniqueConstraints = @UniqueConstraint(name = "checksum_checksum_algorithm_key", columnNames = {"checksum", "algorithm"}),
        indexes = @Index(name = "ix_checksum_file_id", columnList = "file_id"))
public class Checksum {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(name = "checksum", nullable = false)
    private String checksum;

    @Column(name = "algorithm", nullable = false)
    private String algorithm;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "file_id", nullable = false, foreignKey = @ForeignKey(name = "checksum_file_id_fkey"))
    private File file;

    protected Checksum() {
    }

    public Integer getId() {
        return id;
    }

    public String getChecksum() {
        return checksum;
    }

    public String getAlgorithm() {
        return algorithm;
    }

    public File getFile() {
        return file;
    }
}
