"""Assemble a rule set from what the plugins contribute (gialint's own kinds,
packs and templates come through the built-in plugin) and a project's own
rule and template files.

A broken file of a *plugin* becomes a load error of that plugin and its
rules are left out, so one bad plugin cannot stop the run.  A broken file of
gialint itself or of the project is an error with file, line and cause
(:class:`~gialint.yamlfile.YamlError`): the user has to fix it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, TypeVar

from gialint.util.yamlfile import YamlError
from gialint.util.yamlfile import load as load_yaml

if TYPE_CHECKING:
    from gialint.plugins.discovery import GialintPluginManager
    from gialint.rules.ruleset import RuleSet
    from gialint.rules.spec import RuleMeta

T = TypeVar("T")


def assemble_ruleset(pm: GialintPluginManager, rule_files: Iterable[str] = (), template_files: Iterable[str] = ()) -> RuleSet:
    from gialint.bind.templates import build_templates
    from gialint.rules.kinds.base import LoadContext
    from gialint.rules.ruleset import RuleSet
    from gialint.rules.ruleset import build_rules
    from gialint.rules.spec import load_pack

    kinds = pm.kinds()
    blame = _Blame(pm)

    template_inputs = pm.templates() + [_read(p) for p in template_files]
    pack_inputs = pm.packs() + [_read(p) for p in rule_files]
    docs: list[tuple[Any, str]] = []
    for text, origin in template_inputs:
        parsed = blame.attempt(load_yaml, text, origin)
        if parsed is not _SKIP:
            docs.append((parsed, origin))
    templates = blame.retry(lambda: build_templates([d for d in docs if d[1] not in blame.dropped]))

    metas: list[RuleMeta] = []
    for text, origin in pack_inputs:
        loaded = blame.attempt(load_pack, text, origin)
        if isinstance(loaded, list):
            metas.extend(loaded)
    ctx = LoadContext(templates)
    rules = blame.retry(lambda: build_rules([m for m in metas if m.origin not in blame.dropped], kinds, ctx))
    from gialint.plugins.fingerprint import ruleset_fingerprint

    inputs = template_inputs + pack_inputs
    return RuleSet(rules, templates, pm.error_messages(), lambda: ruleset_fingerprint(inputs, pm))


_SKIP = object()


class _Blame:
    """Drops a plugin's file that fails to load and records why; re-raises
    for files of gialint itself and of the project."""

    def __init__(self, pm: GialintPluginManager) -> None:
        self.pm = pm
        self.dropped: set[str] = set()

    def _plugin_file(self, exc: YamlError) -> bool:
        from gialint.plugins.discovery import BUILTIN

        owner = self.pm.owner(exc.path)
        if owner is None or owner.name == BUILTIN or exc.path in self.dropped:
            return False
        self.dropped.add(exc.path)
        self.pm.error(owner, f"文件无法使用，其中的规则或模板未加载：{exc}")
        return True

    def attempt(self, load: Callable[[str, str], T], text: str, origin: str) -> T | object:
        try:
            return load(text, origin)
        except YamlError as exc:
            if self._plugin_file(exc):
                return _SKIP
            raise

    def retry(self, build: Callable[[], T]) -> T:
        # Each failure drops one more plugin file, so this ends.
        while True:
            try:
                return build()
            except YamlError as exc:
                if not self._plugin_file(exc):
                    raise


def _read(path: str) -> tuple[str, str]:
    from gialint.load.files import _read_data_file

    return _read_data_file(path), path


def load_ruleset(
    rule_files: Iterable[str] = (),
    template_files: Iterable[str] = (),
    plugin_manager=None,  # type: ignore[no-untyped-def]
) -> RuleSet:
    """What the plugins add — gialint's own packs, kinds and templates come
    through the built-in plugin — plus the given files.  Without a plugin
    manager, only the built-ins.  Raises :class:`~gialint.yamlfile.YamlError`
    for a broken pack or template of gialint or of the project; a plugin's
    broken file becomes a load error of that plugin (``RuleSet.load_errors``)."""
    from gialint.plugins.assemble import assemble_ruleset
    from gialint.plugins.discovery import get_plugin_manager

    pm = plugin_manager if plugin_manager is not None else get_plugin_manager(autoload=False)
    return assemble_ruleset(pm, rule_files, template_files)
