package uk.ac.ceda.nlds.db.monitor.migration;

import uk.ac.ceda.nlds.db.config.NldsDatabase;
import uk.ac.ceda.nlds.db.testsupport.ReferenceSchemaContract;

class MonitorReferenceSchemaTest extends ReferenceSchemaContract {

    @Override
    protected NldsDatabase database() {
        return NldsDatabase.MONITOR;
    }
}
