// Tallies (graph.tallies): the counts of agency types, kinds and scopes that had none yet.
UNWIND $rows AS r
CREATE (:TypeTally {key: r.key, type: r.type, kind: r.kind, scope: r.scope, tasks: r.tasks,
                    explicit: r.explicit, first_listed: r.first_listed})
