set -e
D=/tmp/pgscratch; rm -rf $D; mkdir -p $D; chown postgres:postgres $D
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D $D/data -U postgres -A trust --no-sync -E UTF8 --locale=C >/dev/null
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D $D/data -w -l $D/log -o "-c listen_addresses=127.0.0.1 -p 55432 -k $D -c fsync=off" start >/dev/null
psql -h 127.0.0.1 -p 55432 -U postgres -qc "CREATE TABLE big AS SELECT g AS id, (g::bigint*1000) AS big, CASE WHEN g%10=0 THEN NULL ELSE (g*1.23)::numeric(14,2) END AS amt, 'name '||(g%5000) AS name, DATE '2020-01-01' + (g%1000) AS d, TIMESTAMP '2020-01-01' + g * interval '1 second' AS ts, g/3.0::float8 AS f FROM generate_series(1,1000000) g"
echo started
