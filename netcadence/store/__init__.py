"""The store: tables, connections, migrations and the queries commands need."""
