"""The floor for the `list` rows (issue 18): open the journal with the standard library's `sqlite3`
and print the newest 10 rows (day and first line), nothing else.

    python benchmarks/floor_list.py DB
"""

import sqlite3
import sys

if __name__ == "__main__":
    connection = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
    for day, body in connection.execute(
        "SELECT local_date, body FROM entries WHERE deleted_at IS NULL "
        "ORDER BY local_date DESC, created_at DESC, uuid DESC LIMIT 10"
    ):
        print(day, (body or "").split("\n", 1)[0][:60])
    connection.close()
