// Jurisdictions that issued plans: shared between plans, so MERGE and refresh.
UNWIND $rows AS r
MERGE (c:City {id: r.id})
SET c.name = r.name, c.short = r.short,
    c.province = coalesce(r.province, c.province), c.level = r.level
