"""What a registrator does, once, for both faces (TUI and CLI): store and formats combined.

One module per area: `remisser` (remisser and recipients), `answers` (answers from documents),
`reminders`, `register` (the organisation register), `exports`, `search`, `backup`, `views` (what
the faces show) and `data_folder`. The everyday remiss operations are re-exported here, so the
faces write `services.grant_extension(...)`; the other areas are imported by name
(`from remisstui.services import search`). Nothing here imports Textual.
"""

from __future__ import annotations

from ..domain.serialize import to_dict
from ..store.repository import NotFoundError, StoreError
from .data_folder import ENV_DATA, default_data_dir, ensure_seeded, open_store
from .errors import ServiceError
from .remisser import (
    add_recipients,
    change,
    create_remiss,
    export_toml,
    find_remiss,
    grant_extension,
    import_toml,
    log_reminder,
    remove_recipients,
    save_recipient,
    send_again,
    set_state,
    set_status,
    today,
    UndoPlan,
    undo_last,
    undo_plan,
    update_remiss_header,
    withdraw,
)
from .views import OverviewRow, overview_rows, recipient_view, remiss_view

__all__ = [
    "ENV_DATA",
    "NotFoundError",
    "OverviewRow",
    "ServiceError",
    "StoreError",
    "add_recipients",
    "change",
    "create_remiss",
    "default_data_dir",
    "ensure_seeded",
    "export_toml",
    "find_remiss",
    "grant_extension",
    "import_toml",
    "log_reminder",
    "open_store",
    "overview_rows",
    "recipient_view",
    "remiss_view",
    "remove_recipients",
    "save_recipient",
    "send_again",
    "set_state",
    "set_status",
    "to_dict",
    "today",
    "UndoPlan",
    "undo_last",
    "undo_plan",
    "update_remiss_header",
    "withdraw",
]
