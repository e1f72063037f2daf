package uk.ac.ceda.nlds.db.monitor.entity;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

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
import jakarta.persistence.OneToMany;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnDefault;

/** One part of a transaction as it moves through the NLDS workflow. */
@Entity
@Table(name = "sub_record", indexes = {
        @Index(name = "ix_sub_record_sub_id", columnList = "sub_id"),
        @Index(name = "ix_sub_record_transaction_record_id", columnList = "transaction_record_id")})
public class SubRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(name = "sub_id", nullable = false)
    private String subId;

    @Enumerated(EnumType.STRING)
    @ColumnDefault("'INITIALISING'")
    @Column(name = "state", nullable = false)
    private State state = State.INITIALISING;

    @Column(name = "retry_count", nullable = false)
    private int retryCount;

    @Column(name = "last_updated", nullable = false)
    private LocalDateTime lastUpdated;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "transaction_record_id", nullable = false,
            foreignKey = @ForeignKey(name = "sub_record_transaction_record_id_fkey"))
    private TransactionRecord transactionRecord;

    @OneToMany(mappedBy = "subRecord")
    private List<FailedFile> failedFiles = new ArrayList<>();

    protected SubRecord() {
    }

    public SubRecord(String subId, State state, TransactionRecord transactionRecord) {
        this.subId = subId;
        this.state = state;
        this.transactionRecord = transactionRecord;
    }

    @PrePersist
    @PreUpdate
    void touch() {
        lastUpdated = LocalDateTime.now();
    }

    public Integer getId() {
        return id;
    }

    public String getSubId() {
        return subId;
    }

    public State getState() {
        return state;
    }

    public int getRetryCount() {
        return retryCount;
    }

    public LocalDateTime getLastUpdated() {
        return lastUpdated;
    }

    public TransactionRecord getTransactionRecord() {
        return transactionRecord;
    }

    public List<FailedFile> getFailedFiles() {
        return failedFiles;
    }
}
