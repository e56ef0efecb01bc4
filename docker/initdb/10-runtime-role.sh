#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised: the API's runtime login role (AUD-4, least privilege).
# The API migrates as the owner (DATABASE_MIGRATION_URL) and grants this role DML only, the audit log append-only.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$PACER_DB_APP_PASSWORD" <<'EOSQL'
CREATE ROLE pacer_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'app_password';
EOSQL
