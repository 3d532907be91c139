"""Files written with -o: whole or not at all, with the permissions a plain write would give."""

import os
import stat

import pytest

from segur_kg.writers import atomic_write


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_a_new_file_gets_0666_less_the_umask(tmp_path, umask_027):
    target = tmp_path / "out.ttl"
    atomic_write(target, b"data")
    assert target.read_bytes() == b"data"
    assert _mode(target) == 0o640


def test_a_replaced_file_keeps_its_own_permissions(tmp_path, umask_027):
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")
    os.chmod(target, 0o604)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and _mode(target) == 0o604


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        atomic_write(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl"]
