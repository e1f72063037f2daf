package uk.ac.ceda.nlds.db.catalog.api;

import java.util.List;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

import uk.ac.ceda.nlds.db.catalog.entity.Holding;

/** Read access to holdings through the service's current entities. */
public interface HoldingRepository extends Repository<Holding, Integer> {

    @Query("select distinct h from Holding h left join fetch h.tags where h.user = :user order by h.id")
    List<Holding> findByUserWithTags(@Param("user") String user);
}
