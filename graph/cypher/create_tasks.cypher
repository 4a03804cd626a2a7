// Tasks belong to exactly one document version, so they are created, never merged.
UNWIND $rows AS r
MATCH (d:Document {id: r.doc_id})
CREATE (d)-[:HAS_TASK]->(:Task {id: r.id, doc_id: r.doc_id, no: r.no, section: r.section,
                                title: r.title, text: r.text, position: r.position,
                                source: r.source, deadline: r.deadline, city: r.city})
