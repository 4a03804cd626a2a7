// agency_partners, shaped for LadybugDB (same answers as agency_partners.cypher): the
// pairs are the tallies the graph keeps (graph.tallies: SHARES, per pair and city of the
// tasks, from the smaller id to the larger, with the shared tasks each side leads), summed
// over the cities (the engine sums into a decimal: cast back), instead of every agency of
// every task of the agency counted again.
MATCH (a:Agency)-[sh:SHARES]-(o:Agency)
WHERE a.id = $agency AND o.id <> a.id
WITH o, CAST(sum(sh.shared) AS INT64) AS shared,
     CAST(sum(CASE WHEN o.id < a.id THEN sh.led_by_a ELSE sh.led_by_b END) AS INT64)
         AS led_by_partner,
     CAST(sum(CASE WHEN o.id < a.id THEN sh.led_by_b ELSE sh.led_by_a END) AS INT64)
         AS led_by_agency
WHERE shared > 0
RETURN o.id AS id, o.name AS name, o.city AS city, o.kind AS kind, shared, led_by_partner,
       led_by_agency
ORDER BY shared DESC, name, id
LIMIT $limit
