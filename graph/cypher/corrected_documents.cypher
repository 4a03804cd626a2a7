// Which of these plans hold an edge that a correction made or changed?
// 这些方案中哪些有人工更正过的责任关系? A load reads such a plan again even when its text
// is unchanged, so a correction taken out of the book is taken out of the graph too.
// Parameters: $ids, the document ids to look at.
MATCH (:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(:Task)
WHERE e.doc_id IN $ids AND e.correction <> ''
RETURN DISTINCT e.doc_id AS id
