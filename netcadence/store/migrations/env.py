"""Alembic's entry point: runs netcadence's migrations on the connection it is given."""

from alembic import context

from netcadence.store.migrate import include_object


def target_metadata():
    """The models, which only `alembic revision --autogenerate` compares with.

    An upgrade runs the migration scripts alone; not importing SQLModel for it
    saves a new database about half of its creation time.
    """
    options = context.config.cmd_opts
    if options is None or not getattr(options, "autogenerate", False):
        return None
    from netcadence.store.models import metadata

    return metadata


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=target_metadata(),
    include_object=include_object(connection.dialect.name),
    render_as_batch=connection.dialect.name == "sqlite",
    transactional_ddl=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
