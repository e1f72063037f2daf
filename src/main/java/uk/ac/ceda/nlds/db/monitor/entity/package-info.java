/**
 * The monitor's current entity model: what the service reads and writes today, at the head
 * revision. Migrations never use these classes; each revision keeps its own copies.
 */
package uk.ac.ceda.nlds.db.monitor.entity;
