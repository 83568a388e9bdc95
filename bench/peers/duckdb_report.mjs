// DuckDB as a user runs it for the end-to-end row of bench/peers/run (issue 13): one process that
// starts, reads dossiers.csv with read_csv and computes the plain per-unit aggregate, and prints
// its rows as CSV. Node.js start-up and DuckDB's set-up are part of what is timed.
// Usage: node duckdb_report.mjs DOSSIERS_CSV AS_OF COLUMNS_JSON
//   AS_OF: YYYY-MM-DDTHH:MM; COLUMNS_JSON: {"column": "DUCKDB TYPE", ...} in the file's order.
import { DuckDBInstance } from '@duckdb/node-api';

const [csv, asOf, columnsJson] = process.argv.slice(2);
if (!csv || !asOf || !columnsJson) {
  process.stderr.write('usage: node duckdb_report.mjs DOSSIERS_CSV AS_OF COLUMNS_JSON\n');
  process.exit(2);
}
const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;
const columns = Object.entries(JSON.parse(columnsJson)).map(([c, t]) => `${quote(c)}: ${quote(t)}`).join(', ');
const T = `TIMESTAMP '${asOf.replace('T', ' ')}:00'`;
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const reader = await conn.runAndReadAll(`SELECT unit, count(*) AS dossiers,
    count(*) FILTER (WHERE channel = 'online') AS online,
    count(*) FILTER (WHERE coalesce(ended_at, ${T}) > appointment_at) AS late
  FROM read_csv(${quote(csv)}, header = true, delim = ',', quote = '"', escape = '"', columns = {${columns}})
  WHERE received_at <= ${T}
  GROUP BY unit ORDER BY unit`);
process.stdout.write(reader.getRowsJS().map((r) => r.map(String).join(',')).join('\n') + '\n');
conn.closeSync();
instance.closeSync();
