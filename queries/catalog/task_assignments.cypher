// title: Who is assigned to one task, with the words and sentence for each
// question: Which agencies lead or work on task 003_ce560822e58bcc91-001, and how did the plan name them?
// param task (string, required): task id, e.g. 003_ce560822e58bcc91-001
// columns: agency_id, agency, city, kind, role, basis, source, mention, unit, start, end, sentence, rank, correction
// example: task=003_ce560822e58bcc91-001
// One row per edge in printed order (rank); a first-listed lead appears as lead and as unit.
// start and end are the span of the printed unit list in the plan's text.
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE t.id = $task
RETURN a.id AS agency_id, a.name AS agency, a.city AS city, a.kind AS kind,
       CASE WHEN e.basis IN ['explicit', 'first_listed'] THEN 'lead'
            WHEN e.basis = 'listed' THEN 'unit' ELSE 'implied' END AS role,
       e.basis AS basis, e.source AS source, e.mention AS mention, e.unit AS unit,
       e.start AS start, e.`end` AS `end`, e.sentence AS sentence, e.rank AS rank,
       coalesce(e.correction, '') AS correction
ORDER BY rank, role
