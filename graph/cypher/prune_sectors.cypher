// After a replacement or removal: sectors no task is tagged with any more.
MATCH (s:Sector)
WHERE NOT EXISTS { MATCH (:Task)-->(s) }
DETACH DELETE s
RETURN count(*) AS removed
