package uk.ac.ceda.nlds.db.catalog.entity;

import java.time.LocalDateTime;

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

/** One put into a holding. */
@Entity
@Table(name = "transaction", indexes = {
        @Index(name = "ix_transaction_transaction_id", columnList = "transaction_id"),
        @Index(name = "ix_transaction_holding_id", columnList = "holding_id")})
public class Transaction {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(name = "transaction_id", nullable = false)
    private String transactionId;

    @Column(name = "ingest_time")
    private LocalDateTime ingestTime;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "holding_id", nullable = false, foreignKey = @ForeignKey(name = "transaction_holding_id_fkey"))
    private Holding holding;

    protected Transaction() {
    }

    public Transaction(String transactionId, LocalDateTime ingestTime, Holding holding) {
        this.transactionId = transactionId;
        this.ingestTime = ingestTime;
        this.holding = holding;
    }

    public Integer getId() {
        return id;
    }

    public String getTransactionId() {
        return transactionId;
    }

    public LocalDateTime getIngestTime() {
        return ingestTime;
    }

    public Holding getHolding() {
        return holding;
    }
}
