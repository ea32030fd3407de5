"""CreateRemindersScreen and the UpcomingDeadlines widget, hosted in tiny apps (fresh data folder each)."""

from datetime import date

from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from remisstui import services
from remisstui.domain.model import Extension
from remisstui.store.repository import Store
from remisstui.tui.screens.reminders import CreateRemindersScreen
from remisstui.tui.widgets.upcoming import UpcomingDeadlines, bar, upcoming_data

DNR = "KS 2024/112"
AFTER = date(2024, 5, 13)


class Host(App[None]):
    def __init__(self, screen_factory) -> None:
        super().__init__()
        self.factory = screen_factory
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self.factory(), self.results.append)


def _text(widget: Static) -> str:
    return str(widget.render())


async def test_create_reminders_for_late_ones(data_dir, tmp_path):
    store = Store(data_dir)
    app = Host(lambda: CreateRemindersScreen(store, "ks-2024-112", today=AFTER))
    out = tmp_path / "ut [bold]"
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = app.screen
        from remisstui.services import settings as user_settings

        default = user_settings.files_folder() / "paminnelser-KS-2024-112"
        assert screen.query_one("#folder", Input).value == str(default)
        preview = _text(screen.query_one("#preview-text", Static))
        assert "14 utkast" in preview and "Arbetsmarknadsnämnden" in preview
        assert "Södermalms" not in preview
        assert "14 av 14 saknar adress" in preview
        screen.query_one("#folder", Input).value = str(out)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == [str(out.resolve())]
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Skrev 14 utkast i ") and "[bold]" in m for m in messages)
        assert any("remisstui config" in m for m in messages)  # no profile yet: says how
    assert len(list(out.glob("*.eml"))) == 14
    # drafts only: nothing counts as a reminder sent until the user marks it
    assert sum(len(r.reminders) for r in store.load(DNR).recipients) == 0


async def test_days_window_and_marked_recipients(data_dir, tmp_path):
    store = Store(data_dir)
    before = date(2024, 4, 20)
    app = Host(lambda: CreateRemindersScreen(store, DNR, today=before))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = app.screen
        assert "Ingen mottagare får något utkast" in _text(screen.query_one("#preview-text", Static))
        screen.query_one("#days", Input).value = "-"
        await pilot.pause()
        assert "heltal" in _text(screen.query_one("#form-error", Static))
        screen.query_one("#days", Input).value = "9"
        await pilot.pause()
        assert "14 utkast" in _text(screen.query_one("#preview-text", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]

    app = Host(lambda: CreateRemindersScreen(
        store, DNR, ["Kulturnämnden", "Södermalms stadsdelsnämnd"], today=before))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = app.screen
        preview = _text(screen.query_one("#preview-text", Static))
        assert "1 utkast" in preview and "Hoppar över Södermalms stadsdelsnämnd (status besvarad)" in preview
        screen.query_one("#folder", Input).value = str(tmp_path / "saknas" / "ut")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "finns inte" in _text(screen.query_one("#form-error", Static))
        screen.query_one("#folder", Input).value = str(tmp_path / "m")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == [str((tmp_path / "m").resolve())]
    assert [p.name for p in (tmp_path / "m").iterdir()] == ["KS-2024-112-Kulturnamnden.eml"]


def test_upcoming_data_from_index(data_dir):
    store = Store(data_dir)
    # Two anstånd: one within 14 days of 2024-04-22, one later; the rest stay on 29 April.
    services.grant_extension(store, DNR, ["Kulturnämnden"], Extension(new_deadline=date(2024, 5, 20)))
    services.grant_extension(store, DNR, ["Idrottsnämnden"], Extension(new_deadline=date(2024, 5, 4)))
    data = upcoming_data(store.summaries(), date(2024, 4, 22))
    # 4 May 2024 is a Saturday: due Monday 6 May.
    assert data.soon == [(date(2024, 4, 29), DNR, 12), (date(2024, 5, 6), DNR, 1)]
    assert data.overdue == 0
    assert data.weeks[0] == (date(2024, 4, 22), 0)
    assert data.weeks[1] == (date(2024, 4, 29), 12)
    assert data.weeks[2] == (date(2024, 5, 6), 1)
    assert data.weeks[4] == (date(2024, 5, 20), 1)
    late = upcoming_data(store.summaries(), date(2024, 5, 7))
    assert (late.overdue, late.overdue_remisser) == (13, 1)
    assert bar(12, 12, width=10) == "█" * 10 and bar(1, 12, width=10) == "▉" and bar(0, 12) == ""


class WidgetHost(App[None]):
    def __init__(self, store, today) -> None:
        super().__init__()
        self.store, self.day = store, today

    def compose(self) -> ComposeResult:
        yield UpcomingDeadlines(self.store, self.day)


async def test_upcoming_widget_renders_and_refreshes(data_dir):
    store = Store(data_dir)
    app = WidgetHost(store, date(2024, 4, 22))
    async with app.run_test(size=(80, 30)) as pilot:
        w = app.query_one(UpcomingDeadlines)
        text = _text(w)
        assert "2024-04-29" in text and "KS 2024/112" in text and "14 organisationer" in text
        assert "Försenade svar: 0" in text
        assert "v18" in text and "█" * 24 + " 14" in text
        w.refresh_data(date(2024, 5, 13))
        await pilot.pause()
        assert "⚠ Försenade svar: 14 (1 remiss)" in _text(w)


async def test_first_reminder_on_a_new_machine_creates_the_files_folder(data_dir):
    """Issue 24.5: P then Ctrl+S said "Mappen …/Documents/remisstui finns inte" when neither the
    documents folder nor its remisstui folder existed yet. The dialog writes through the same
    function as exports and `remind`, which creates the files folder."""
    from remisstui.services import settings as user_settings

    files = user_settings.files_folder()
    assert not files.parent.exists()  # a new machine: no Documents folder either
    store = Store(data_dir)
    app = Host(lambda: CreateRemindersScreen(store, DNR, today=AFTER))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        drafts = files / "paminnelser-KS-2024-112"
        assert app.results == [str(drafts.resolve())]
    assert len(list(drafts.glob("*.eml"))) == 14


async def test_a_mistyped_folder_in_the_dialog_is_refused_not_created(data_dir, tmp_path):
    store = Store(data_dir)
    app = Host(lambda: CreateRemindersScreen(store, DNR, today=AFTER))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.screen.query_one("#folder", Input).value = str(tmp_path / "saknas" / "utkast")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert "finns inte" in _text(app.screen.query_one("#form-error", Static))
    assert not (tmp_path / "saknas").exists()


async def test_the_dialog_asks_for_a_missing_registry_address_and_remembers_it(data_dir, tmp_path):
    """Issue 24.6: drafts without a To: line; the address asked for is saved in the register."""
    import email
    from email import policy

    store = Store(data_dir)
    out = tmp_path / "ut"
    app = Host(lambda: CreateRemindersScreen(store, DNR, ["Kulturnämnden"], today=AFTER))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = app.screen
        asked = list(screen.query(".address").results(Input))
        assert [i.name for i in asked] == ["Kulturnämnden"]
        screen.query_one("#folder", Input).value = str(out)
        asked[0].focus()
        await pilot.press(*"registrator@kultur.example.se")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == [str(out.resolve())]
    (draft,) = out.glob("*.eml")
    msg = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert msg["To"].addresses[0].addr_spec == "registrator@kultur.example.se"
    assert Store(data_dir).load_register().organisation("Kulturnämnden").registry_email == \
        "registrator@kultur.example.se"
    app = Host(lambda: CreateRemindersScreen(Store(data_dir), DNR, ["Kulturnämnden"], today=AFTER))
    async with app.run_test(size=(80, 24)) as pilot:
        assert not list(app.screen.query(".address"))  # remembered: not asked again
