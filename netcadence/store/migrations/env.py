"""Alembic's entry point: runs netcadence's migrations on the connection it is given."""

from alembic import context

from netcadence.store.migrate import include_object
from netcadence.store.models import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    include_object=include_object(connection.dialect.name),
    render_as_batch=connection.dialect.name == "sqlite",
    transactional_ddl=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
