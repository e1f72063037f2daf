package uk.ac.ceda.nlds.db.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnDefault;

/** A tar file on tape that holds many files. */
@Entity
@Table(name = "aggregation")
public class Aggregation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(name = "tarname", nullable = false)
    private String tarname;

    @Column(name = "checksum")
    private String checksum;

    @Column(name = "algorithm")
    private String algorithm;

    @ColumnDefault("false")
    @Column(name = "failed_fl", nullable = false)
    private boolean failed;

    protected Aggregation() {
    }

    public Aggregation(String tarname) {
        this.tarname = tarname;
    }

    public Integer getId() {
        return id;
    }

    public String getTarname() {
        return tarname;
    }

    public String getChecksum() {
        return checksum;
    }

    public String getAlgorithm() {
        return algorithm;
    }

    public boolean isFailed() {
        return failed;
    }
}
