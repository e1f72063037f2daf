package uk.ac.ceda.nlds.db.catalog.entity;

import java.time.LocalDateTime;

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
import jakarta.persistence.UniqueConstraint;

/** Where one copy of a file is stored. */
@Entity
@Table(name = "location",
        uniqueConstraints = @UniqueConstraint(name = "uq_location_storage_type", columnNames = {"storage_type", "file_id"}),
        indexes = {@Index(name = "ix_location_file_id", columnList = "file_id"),
                @Index(name = "ix_location_aggregation_id", columnList = "aggregation_id")})
public class Location {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Enumerated(EnumType.STRING)
    @Column(name = "storage_type")
    private Storage storageType;

    @Column(name = "url_scheme", nullable = false)
    private String urlScheme;

    @Column(name = "url_netloc", nullable = false)
    private String urlNetloc;

    @Column(name = "root", nullable = false)
    private String root;

    @Column(name = "path", nullable = false)
    private String path;

    @Column(name = "access_time")
    private LocalDateTime accessTime;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "file_id", nullable = false, foreignKey = @ForeignKey(name = "location_file_id_fkey"))
    private File file;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "aggregation_id", foreignKey = @ForeignKey(name = "fk_location_aggregation_id_aggregation"))
    private Aggregation aggregation;

    protected Location() {
    }

    public Integer getId() {
        return id;
    }

    public Storage getStorageType() {
        return storageType;
    }

    public String getUrlScheme() {
        return urlScheme;
    }

    public String getUrlNetloc() {
        return urlNetloc;
    }

    public String getRoot() {
        return root;
    }

    public String getPath() {
        return path;
    }

    public LocalDateTime getAccessTime() {
        return accessTime;
    }

    public File getFile() {
        return file;
    }

    public Aggregation getAggregation() {
        return aggregation;
    }
}
