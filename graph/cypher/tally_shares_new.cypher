// Tallies (graph.tallies): the counts of pairs of agencies that shared no task of the city yet.
UNWIND $rows AS r
MATCH (a:Agency {id: r.a})
MATCH (b:Agency {id: r.b})
CREATE (a)-[:SHARES {city: r.city, shared: r.shared, led_by_a: r.led_by_a,
                     led_by_b: r.led_by_b}]->(b)
