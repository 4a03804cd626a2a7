// Tallies (graph.tallies): the stored plans naming some agencies, counted again when a
// write changes those agencies' kind or type.
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(:Task)
WHERE a.id IN $ids
RETURN DISTINCT e.doc_id AS id
