// New or replaced documents (their ISSUED_IN edge follows in create_issued_in).
// fingerprint tells the same plan in another file (graph.identity); text is the plan as
// read, so it can be shown and read again without its file; place is the jurisdiction
// given at load time ('' when read from the text).
UNWIND $rows AS r
CREATE (:Document {id: r.id, file: r.file, title: r.title, issuer: r.issuer,
                   doc_number: r.doc_number, issued: r.issued, city: r.city,
                   sha256: r.sha256, encoding: r.encoding, task_count: r.task_count,
                   fingerprint: r.fingerprint, place: r.place, text: r.text})
