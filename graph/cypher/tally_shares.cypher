// Tallies (graph.tallies): add to the tasks two agencies share in one city (stored
// already; a has the smaller id, city '' for plans issued in no city) and to how many of
// those each side leads; a pair left sharing nothing goes.
UNWIND $rows AS r
MATCH (a:Agency {id: r.a})
MATCH (b:Agency {id: r.b})
MERGE (a)-[x:SHARES {city: r.city}]->(b)
ON CREATE SET x.shared = r.shared, x.led_by_a = r.led_by_a, x.led_by_b = r.led_by_b
ON MATCH SET x.shared = x.shared + r.shared, x.led_by_a = x.led_by_a + r.led_by_a,
             x.led_by_b = x.led_by_b + r.led_by_b
WITH x
WHERE x.shared <= 0
DELETE x
