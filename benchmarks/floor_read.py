"""The floor for the export rows (issue 18): read every entry with the standard library's `sqlite3`
and write it to a file, nothing else (no checks, no formatting beyond one line of fields a row).

    python benchmarks/floor_read.py DB OUT
"""

import sqlite3
import sys

if __name__ == "__main__":
    db, out = sys.argv[1], sys.argv[2]
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    with open(out, "w", encoding="utf-8") as file:
        for row in connection.execute("SELECT * FROM entries WHERE deleted_at IS NULL ORDER BY local_date, created_at"):
            file.write("\t".join("" if value is None else str(value) for value in row) + "\n")
    connection.close()
