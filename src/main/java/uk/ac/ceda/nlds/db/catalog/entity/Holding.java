package uk.ac.ceda.nlds.db.catalog.entity;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A user's named collection of archived files. */
@Entity
@Table(name = "holding", uniqueConstraints = @UniqueConstraint(name = "holding_label_user_key", columnNames = {"label", "user"}),
        indexes = @Index(name = "ix_holding_label", columnList = "label"))
public class Holding {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(name = "label", nullable = false)
    private String label;

    @Column(name = "user", nullable = false)
    private String user;

    @Column(name = "group", nullable = false)
    private String group;

    @OneToMany(mappedBy = "holding")
    private List<Tag> tags = new ArrayList<>();

    @OneToMany(mappedBy = "holding")
    private List<Transaction> transactions = new ArrayList<>();

    protected Holding() {
    }

    public Holding(String label, String user, String group) {
        this.label = label;
        this.user = user;
        this.group = group;
    }

    public Integer getId() {
        return id;
    }

    public String getLabel() {
        return label;
    }

    public String getUser() {
        return user;
    }

    public String getGroup() {
        return group;
    }

    public List<Tag> getTags() {
        return tags;
    }

    public List<Transaction> getTransactions() {
        return transactions;
    }
}
