// The sectors a target's own words name (5G基站: 5G), for comparing targets across cities.
// (量化目标所属领域。)
UNWIND $rows AS r
MATCH (g:Target {id: r.target})
MATCH (s:Sector {name: r.sector})
CREATE (g)-[:MEASURES]->(s)
