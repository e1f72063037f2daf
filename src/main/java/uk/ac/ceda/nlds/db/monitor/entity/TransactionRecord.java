package uk.ac.ceda.nlds.db.monitor.entity;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.OneToMany;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

/** The monitor's record of one NLDS transaction. */
@Entity
@Table(name = "transaction_record",
        indexes = @Index(name = "ix_transaction_record_transaction_id", columnList = "transaction_id"))
public class TransactionRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(name = "transaction_id", nullable = false)
    private String transactionId;

    @Column(name = "user", nullable = false)
    private String user;

    @Column(name = "group", nullable = false)
    private String group;

    @Column(name = "job_label")
    private String jobLabel;

    @Column(name = "api_action", nullable = false)
    private String apiAction;

    @Column(name = "creation_time")
    private LocalDateTime creationTime;

    @OneToMany(mappedBy = "transactionRecord")
    private List<SubRecord> subRecords = new ArrayList<>();

    @OneToMany(mappedBy = "transactionRecord")
    private List<Warning> warnings = new ArrayList<>();

    protected TransactionRecord() {
    }

    public TransactionRecord(String transactionId, String user, String group, String apiAction) {
        this.transactionId = transactionId;
        this.user = user;
        this.group = group;
        this.apiAction = apiAction;
    }

    @PrePersist
    void stampCreation() {
        if (creationTime == null) {
            creationTime = LocalDateTime.now();
        }
    }

    public Integer getId() {
        return id;
    }

    public String getTransactionId() {
        return transactionId;
    }

    public String getUser() {
        return user;
    }

    public String getGroup() {
        return group;
    }

    public String getJobLabel() {
        return jobLabel;
    }

    public String getApiAction() {
        return apiAction;
    }

    public LocalDateTime getCreationTime() {
        return creationTime;
    }

    public List<SubRecord> getSubRecords() {
        return subRecords;
    }

    public List<Warning> getWarnings() {
        return warnings;
    }
}
