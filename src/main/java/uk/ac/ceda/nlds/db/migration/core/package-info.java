/**
 * The engine's leaf, imported by every other package and importing none: the database products
 * it migrates and the exceptions by which any layer says what went wrong.
 */
package uk.ac.ceda.nlds.db.migration.core;
