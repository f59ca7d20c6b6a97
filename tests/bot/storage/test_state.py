"""Service facts shared by processes: saving the same new key at once never collides."""

from __future__ import annotations

import threading

from bot.storage.models import now_utc
from bot.storage.state import delete_state, load_state, load_state_json, save_state
from bot.storage.store import create_db


def test_processes_saving_one_new_key_at_once_all_succeed(db_url: str) -> None:
    """Eight engines on one SQLite file write the same new key together: no IntegrityError, the
    last value stands (it used to be read-then-insert, and cron polls crashed on it)."""
    create_db(db_url).dispose()
    engines = [create_db(db_url) for _ in range(8)]
    start, errors = threading.Barrier(len(engines)), []

    def save(n: int) -> None:
        start.wait()
        try:
            save_state(engines[n], "registry_pass", f"value {n}", now_utc())
        except Exception as exc:  # the test reports any failure
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(len(engines))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    row = load_state(engines[0], "registry_pass")
    assert row is not None
    assert row.value.startswith("value ")
    save_state(engines[0], "registry_pass", "again", now_utc())
    assert (load_state(engines[1], "registry_pass") or row).value == "again"
    for engine in engines:
        engine.dispose()


def test_a_json_fact_reads_as_an_object_or_empty_and_a_deleted_fact_is_gone(db_url: str) -> None:
    """load_state_json: {} when missing, empty, garbled or not an object; delete_state forgets."""
    engine = create_db(db_url)
    assert load_state_json(engine, "k") == {}
    for garbled in ("", "{not json", "[1, 2]"):
        save_state(engine, "k", garbled, now_utc())
        assert load_state_json(engine, "k") == {}
    save_state(engine, "k", '{"attempts": 2}', now_utc())
    assert load_state_json(engine, "k") == {"attempts": 2}
    delete_state(engine, "k")
    assert load_state(engine, "k") is None
    delete_state(engine, "k")  # forgetting twice is fine
    engine.dispose()
