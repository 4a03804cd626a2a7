// Responsibility edges; basis 'listed' for printed units, 'standing_rule' for implied ones;
// correction is the id of the correction record that made or changed the edge ('' if none).
UNWIND $rows AS r
MATCH (a:Agency {id: r.agency})
MATCH (t:Task {id: r.task})
CREATE (a)-[:RESPONSIBLE_FOR {basis: r.basis, source: r.source, mention: r.mention,
                              unit: r.unit, start: r.start, `end`: r.`end`,
                              sentence: r.sentence, doc_id: r.doc_id, rank: r.rank,
                              correction: r.correction}]->(t)
