// title: Sector names
// question: Which sectors have at least one task tagged, by name?
// columns: sector
// Loads prune sectors left without tasks, so every Sector node has tasks. The ranking with
// counts is the query `sectors`; this list is what filter forms offer.
MATCH (s:Sector)
RETURN s.name AS sector
ORDER BY sector
