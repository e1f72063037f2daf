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

/** A warning raised for a transaction. */
@Entity
@Table(name = "warning", indexes = @Index(name = "ix_warning_transaction_record_id", columnList = "transaction_record_id"))
public class Warning {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(name = "warning")
    private String warning;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "transaction_record_id", nullable = false,
            foreignKey = @ForeignKey(name = "warning_transaction_record_id_fkey"))
    private TransactionRecord transactionRecord;

    protected Warning() {
    }

    public Integer getId() {
        return id;
    }

    public String getWarning() {
        return warning;
    }

    public TransactionRecord getTransactionRecord() {
        return transactionRecord;
    }
}
