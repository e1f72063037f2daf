package uk.ac.ceda.nlds.db.autogenerate.library.model;

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

/** Test-only: a book on a shelf, as in revision 1. */
@Entity
@Table(name = "book", indexes = @Index(name = "ix_book_shelf_id", columnList = "shelf_id"))
public class Book {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(nullable = false)
    private String title;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "shelf_id", nullable = false, foreignKey = @ForeignKey(name = "book_shelf_id_fkey"))
    private Shelf shelf;
}
