// New or replaced documents (their ISSUED_IN edge follows in create_issued_in).
UNWIND $rows AS r
CREATE (:Document {id: r.id, file: r.file, title: r.title, issuer: r.issuer,
                   doc_number: r.doc_number, issued: r.issued, city: r.city,
                   sha256: r.sha256, encoding: r.encoding, task_count: r.task_count})
