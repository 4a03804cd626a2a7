// Lead edges; basis 'explicit' when printed as lead, 'first_listed' when inferred.
// mention is the unit as printed (发改委), unit the same after prefix distribution (市发改委);
// correction is the id of the correction record that made or changed the edge ('' if none).
UNWIND $rows AS r
MATCH (a:Agency {id: r.agency})
MATCH (t:Task {id: r.task})
CREATE (a)-[:LEADS {basis: r.basis, source: r.source, mention: r.mention, unit: r.unit,
                    start: r.start, `end`: r.`end`, sentence: r.sentence,
                    doc_id: r.doc_id, rank: r.rank,
                    correction: r.correction}]->(t)
