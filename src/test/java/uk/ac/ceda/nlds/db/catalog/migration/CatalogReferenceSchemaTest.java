package uk.ac.ceda.nlds.db.catalog.migration;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.testsupport.ReferenceSchemaContract;

class CatalogReferenceSchemaTest extends ReferenceSchemaContract {

    @Override
    protected NldsDatabase database() {
        return NldsDatabase.CATALOG;
    }
}
