package uk.ac.ceda.nlds.db.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnDefault;

/** One archived path. */
@Entity
@Table(name = "file", indexes = @Index(name = "ix_file_transaction_id", columnList = "transaction_id"))
public class File {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "transaction_id", nullable = false, foreignKey = @ForeignKey(name = "file_transaction_id_fkey"))
    private Transaction transaction;

    @Column(name = "original_path")
    private String originalPath;

    @Enumerated(EnumType.STRING)
    @ColumnDefault("'NOT_RECOGNISED'")
    @Column(name = "path_type", nullable = false)
    private PathType pathType = PathType.NOT_RECOGNISED;

    @Column(name = "link_path")
    private String linkPath;

    @Column(name = "size")
    private Long size;

    @Column(name = "user")
    private Integer user;

    @Column(name = "group")
    private Integer group;

    @Column(name = "file_permissions")
    private Integer filePermissions;

    protected File() {
    }

    public File(Transaction transaction, String originalPath, PathType pathType) {
        this.transaction = transaction;
        this.originalPath = originalPath;
        this.pathType = pathType;
    }

    public Integer getId() {
        return id;
    }

    public Transaction getTransaction() {
        return transaction;
    }

    public String getOriginalPath() {
        return originalPath;
    }

    public PathType getPathType() {
        return pathType;
    }

    public String getLinkPath() {
        return linkPath;
    }

    public Long getSize() {
        return size;
    }

    public Integer getUser() {
        return user;
    }

    public Integer getGroup() {
        return group;
    }

    public Integer getFilePermissions() {
        return filePermissions;
    }
}
