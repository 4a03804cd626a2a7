// task_ids_by_sector, shaped for LadybugDB (same answers): two branches, of which the
// parameters pick one, each guarded by parameters alone: a sector given, from its Sector;
// else every task, from the tasks themselves (their ids alone are ordered).
MATCH (s:Sector)<-[:IN_SECTOR]-(t:Task)
WHERE coalesce($sector, '') <> '' AND s.name = coalesce($sector, '')
RETURN t.id AS task_id
ORDER BY task_id
SKIP $offset
LIMIT $limit
UNION ALL
MATCH (t:Task)
WHERE coalesce($sector, '') = ''
RETURN t.id AS task_id
ORDER BY task_id
SKIP $offset
LIMIT $limit
