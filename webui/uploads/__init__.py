"""Plans uploaded through the browser or the API: saved, read in the background, reviewed,
then loaded through the app's one writer (`webui.db.write`).

`files` saves what a request carries (names made safe, sizes within the readers' limits),
`jobs` reads the saved files in a worker process and keeps each job's state, `review`
turns a read plan into what the review page shows, `loading` checks for a plan already in
the graph and loads. The pages and the API call these; the blueprint is `webui.upload`.
"""
