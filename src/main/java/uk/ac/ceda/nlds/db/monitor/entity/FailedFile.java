package uk.ac.ceda.nlds.db.monitor.entity;

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

/** A file that a sub-record could not process, and why. */
@Entity
@Table(name = "failed_file", indexes = @Index(name = "ix_failed_file_sub_record_id", columnList = "sub_record_id"))
public class FailedFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(name = "filepath")
    private String filepath;

    @Column(name = "reason")
    private String reason;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "sub_record_id", nullable = false, foreignKey = @ForeignKey(name = "failed_file_sub_record_id_fkey"))
    private SubRecord subRecord;

    protected FailedFile() {
    }

    public Integer getId() {
        return id;
    }

    public String getFilepath() {
        return filepath;
    }

    public String getReason() {
        return reason;
    }

    public SubRecord getSubRecord() {
        return subRecord;
    }
}
